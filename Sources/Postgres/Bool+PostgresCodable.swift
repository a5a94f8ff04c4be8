extension Bool: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .bool }

    public func postgresText() throws -> String? { self ? "t" : "f" }

    public static func decode(postgresText text: String, type: PostgresType) throws -> Bool {
        guard type == .bool else { throw typeMismatch(type) }
        switch text {
        case "t": return true
        case "f": return false
        default: throw malformed(type)
        }
    }
}
