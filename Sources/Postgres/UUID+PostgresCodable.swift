public import struct Foundation.UUID

extension UUID: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .uuid }

    public func postgresText() throws -> String? { uuidString.lowercased() }

    public static func decode(postgresText text: String, type: PostgresType) throws -> UUID {
        guard type == .uuid || type == .text || type == .varchar else { throw typeMismatch(type) }
        guard let value = UUID(uuidString: text) else { throw malformed(type) }
        return value
    }
}
