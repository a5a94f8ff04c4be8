internal import Foundation

/// A JSON document stored in a `jsonb` (or read from a `json`) column, kept as its text.
///
/// ```swift
/// let fields = try JSONDocument(encoding: ["guidelines": [3, 8]])
/// try connection.execute("update items set fields = \(fields) where id = \(id)")
/// let back = try row.decode(JSONDocument.self, column: "fields").decode([String: [Int]].self)
/// ```
public struct JSONDocument: Hashable, Sendable, PostgresCodable {
    /// The document's JSON text.
    public var text: String

    /// Wraps JSON text as it is; the server checks it is valid.
    public init(text: String) {
        self.text = text
    }

    /// Encodes a value with `JSONEncoder`, keys sorted so equal values give equal text.
    public init<Value: Encodable>(encoding value: Value) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        text = String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes the document with `JSONDecoder`.
    public func decode<Value: Decodable>(_ type: Value.Type = Value.self) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    public static var postgresType: PostgresType { .jsonb }

    public func postgresText() throws -> String? { try text.checkedForNUL() }

    public static func decode(postgresText text: String, type: PostgresType) throws -> JSONDocument {
        guard type == .jsonb || type == .json else { throw typeMismatch(type) }
        return JSONDocument(text: text)
    }
}
