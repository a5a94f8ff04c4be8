/// Where an ``Item`` keeps its fields: values, or the stored JSON text they are parsed
/// from when first read. Equal when the values are.
enum FieldStorage: Sendable, Hashable, Codable {
    case values([String: FieldValue])
    case stored(StoredFields)

    /// The field values.
    var values: [String: FieldValue] {
        switch self {
        case .values(let values): values
        case .stored(let stored): stored.values
        }
    }

    static func == (left: FieldStorage, right: FieldStorage) -> Bool {
        left.values == right.values
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(values)
    }

    init(from decoder: any Decoder) throws {
        self = .values(try decoder.singleValueContainer().decode([String: FieldValue].self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}
