/// A position in PostgreSQL's write-ahead log (a `pg_lsn`, `16/B374D848` as text), ordered as
/// the log is written.
struct LogPosition: Sendable, Comparable, CustomStringConvertible {
    /// The position as one number: the high half before the slash, the low half after it.
    let value: UInt64

    /// The position `text` names, or `nil` when it is not a `pg_lsn`.
    init?(_ text: String?) {
        guard let text else { return nil }
        let halves = text.split(separator: "/")
        guard halves.count == 2, let high = UInt64(halves[0], radix: 16), let low = UInt64(halves[1], radix: 16),
            high <= UInt32.max, low <= UInt32.max
        else { return nil }
        value = high << 32 | low
    }

    static func < (left: LogPosition, right: LogPosition) -> Bool { left.value < right.value }

    var description: String {
        String(value >> 32, radix: 16, uppercase: true) + "/" + String(value & 0xFFFF_FFFF, radix: 16, uppercase: true)
    }
}
