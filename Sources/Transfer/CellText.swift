public import Kernel

/// Field values as the text of one CSV cell, and back, by the field's kind: lists separated
/// by `;` (a `;` or `\` inside an entry escaped with `\`), `true`/`false`, date-times as
/// `2017-12-04T15:00:00Z America/Mexico_City`, rows as JSON. An empty cell is no value.
///
/// ```swift
/// CellText.render(.list([.text("CR"), .text("PH")]), as: .list(.country))   // "CR;PH"
/// try CellText.parse("CR; PH", as: .list(.country))                          // .list([CR, PH])
/// ```
public enum CellText {
    /// The cell for `value`.
    public static func render(_ value: FieldValue, as kind: FieldKind) -> String {
        switch (kind, value) {
        case (.list(let element, _), .list(let items)):
            return items.map { escape(render($0, as: element)) }.joined(separator: ";")
        case (.dateTime, .object(let parts)):
            if let utc = parts["utc"]?.textValue, let zone = parts["zone"]?.textValue { return utc + " " + zone }
            return value.jsonText
        case (_, .text(let text)): return text
        case (_, .integer(let number)): return String(number)
        case (_, .boolean(let flag)): return flag ? "true" : "false"
        case (_, .null): return ""
        default: return value.jsonText
        }
    }

    /// The value of a cell; `nil` when it is empty.
    /// - Throws: ``CellError`` when the cell cannot be read as a value of `kind` (whether
    ///   the value is valid is the Kernel's validation to judge).
    public static func parse(_ text: String, as kind: FieldKind) throws(CellError) -> FieldValue? {
        guard !text.isEmpty else { return nil }
        switch kind {
        case .list(let element, _):
            var entries: [FieldValue] = []
            for entry in split(text) {
                if let value = try parse(trimmed(entry), as: element) { entries.append(value) }
            }
            return entries.isEmpty ? nil : .list(entries)
        case .integer, .reference:
            guard let number = Int(trimmed(text)) else { throw CellError("'\(text)' is not a whole number") }
            return .integer(number)
        case .boolean:
            switch trimmed(text).lowercased() {
            case "true", "yes", "y", "1": return .boolean(true)
            case "false", "no", "n", "0": return .boolean(false)
            default: throw CellError("'\(text)' is not true or false")
            }
        case .dateTime:
            return try dateTime(trimmed(text))
        case .rows:
            do {
                return try FieldValue.parse(json: text)
            } catch {
                throw CellError("rows are written as JSON, such as [{\"title\": \"Module 1\"}]: \(error)")
            }
        default:
            return .text(text)
        }
    }

    /// `2017-12-04T15:00:00Z America/Mexico_City` (an instant) or `2017-12-04T09:00
    /// America/Mexico_City` (a wall-clock time in the zone).
    private static func dateTime(_ text: String) throws(CellError) -> FieldValue {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw CellError("'\(text)' is not a time and a time zone, such as 2017-12-04T15:00:00Z America/Mexico_City")
        }
        if parts[0].hasSuffix("Z") {
            return .object(["utc": .text(parts[0]), "zone": .text(parts[1])])
        }
        guard let value = ZonedDateTime.value(local: parts[0], zone: parts[1]) else {
            throw CellError("'\(text)' is not a time and a time zone, such as 2017-12-04T09:00 America/Mexico_City")
        }
        return value
    }

    /// An entry of a list with `\` and `;` escaped.
    static func escape(_ entry: String) -> String {
        guard entry.contains(where: { $0 == ";" || $0 == "\\" }) else { return entry }
        var escaped = ""
        for character in entry {
            if character == ";" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// The entries of a list cell, split at unescaped `;` and unescaped.
    static func split(_ text: String) -> [String] {
        var entries: [String] = []
        var current = ""
        var escaping = false
        for character in text {
            if escaping {
                current.append(character)
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == ";" {
                entries.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaping { current.append("\\") }
        entries.append(current)
        return entries
    }

    private static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }
}

/// Why a cell cannot hold a value of its field's kind.
public struct CellError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what is expected.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
