/// A field's value: the JSON-shaped data an item's fields hold.
///
/// Text, numbers, flags, lists and objects; the field's ``FieldKind`` says which shape is
/// valid. Dates, times, URLs and codes travel as text in their standard notation.
public enum FieldValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case text(String)
    case integer(Int)
    case boolean(Bool)
    case list([FieldValue])
    case object([String: FieldValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .boolean(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .integer(number)
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([FieldValue].self) {
            self = .list(list)
        } else if let object = try? container.decode([String: FieldValue].self) {
            self = .object(object)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "a field value must be text, a whole number, true/false, a list or an object"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        case .boolean(let flag): try container.encode(flag)
        case .list(let list): try container.encode(list)
        case .object(let object): try container.encode(object)
        case .null: try container.encodeNil()
        }
    }

    /// The text, when the value is text.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The elements, when the value is a list.
    public var listValue: [FieldValue]? {
        if case .list(let list) = self { return list }
        return nil
    }

    /// Whether the value is null, empty text or an empty list: no value for a required field.
    public var isEmpty: Bool {
        switch self {
        case .null: true
        case .text(let text): !text.unicodeScalars.contains { !$0.properties.isWhitespace }
        case .list(let list): list.isEmpty
        case .object(let object): object.isEmpty
        default: false
        }
    }

    /// A short rendering for people: text as is, lists joined with `; `.
    public var description: String {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "yes" : "no"
        case .list(let list): list.map(\.description).joined(separator: "; ")
        case .object(let object): object.keys.sorted().map { "\($0)=\(object[$0]!)" }.joined(separator: ", ")
        case .null: ""
        }
    }
}

extension String {
    /// The text without leading and trailing white space.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
