internal import Foundation

/// Reads a value typed on the command line into a field value of the field's kind: lists
/// separated by commas, `yes`/`no` for booleans, `2017-12-04T09:00 America/Mexico_City`
/// for date-times, JSON for rows. Validation of the result is the Kernel's job.
public enum ValueParser {
    /// `text` as a value of `kind`; `field` names the flag in errors.
    public static func parse(_ text: String, as kind: FieldKind, field: String) throws -> FieldValue {
        switch kind {
        case .list(let element, _):
            let pieces = splitList(text)
            return .list(try pieces.map { try parse($0, as: element, field: field) })
        case .integer, .reference:
            guard let number = Int(text) else { throw CommandError("--\(field): '\(text)' is not a whole number") }
            return .integer(number)
        case .boolean:
            switch text.lowercased() {
            case "yes", "true", "y", "1", "on": return .boolean(true)
            case "no", "false", "n", "0", "off": return .boolean(false)
            default: throw CommandError("--\(field): '\(text)' is not yes or no")
            }
        case .dateTime:
            let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let value = ZonedDateTime.value(local: parts[0], zone: parts[1]) else {
                throw CommandError(
                    "--\(field): '\(text)' is not a local time and time zone, such as '2017-12-04T09:00 America/Mexico_City'"
                )
            }
            return value
        case .rows:
            do { return try FieldValue.parse(json: text) } catch {
                throw CommandError(
                    "--\(field): rows are written as JSON, such as '[{\"title\": \"Module 1\", \"duration\": \"PT20M\"}]'"
                )
            }
        default:
            // Codes and language tags in any case: `cr`, `Preparedness`, `ES-mx`.
            return kind.canonical(.text(text))
        }
    }

    /// `a,b;c` as `["a", "b", "c"]`, blanks trimmed.
    public static func splitList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" })
            .map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }
}
