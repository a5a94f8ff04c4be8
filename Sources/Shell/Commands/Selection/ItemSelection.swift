internal import Foundation
internal import Kernel

/// The items a verb over many works on: named by ids (given, piped or from `$variables`) or
/// chosen by `--where FIELD=VALUE` and `--older-than AGE`.
struct ItemSelection {
    /// Their ids, in order.
    var ids: [Int64]
    /// The items as the filter read them (their versions are the ones changes are made to).
    var items: [Int64: Item]
    /// Whether `--where` or `--older-than` chose them.
    var fromFilter: Bool

    /// Whether the verb reports item by item (rather than failing with the one item's error).
    var isBulk: Bool { fromFilter || ids.count > 1 }

    /// `365d`, `12h`, `2w`, `30m` as seconds (a bare number is days).
    static func seconds(_ age: String) throws -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        let unit = age.last.flatMap { units[$0] } ?? (age.last?.isNumber == true ? 86_400 : nil)
        let number = age.last?.isNumber == true ? age : String(age.dropLast())
        guard let unit, let count = Double(number), count >= 0 else {
            throw CommandError.usage("--older-than takes an age such as 365d, 12h or 2w, not '\(age)'")
        }
        return count * unit
    }
}
