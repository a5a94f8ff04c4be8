/// Integers share one text encoding; each width names its own column type.
extension PostgresEncodable where Self: FixedWidthInteger & SignedInteger {
    public func postgresText() throws -> String? { String(self) }
}

extension PostgresDecodable where Self: FixedWidthInteger & SignedInteger {
    public static func decode(postgresText text: String, type: PostgresType) throws -> Self {
        guard type == .int2 || type == .int4 || type == .int8 || type == .oidType else { throw typeMismatch(type) }
        guard let value = Self(text) else {
            throw PostgresError(code: .decoding, message: "the \(type) value does not fit in \(Self.self)")
        }
        return value
    }
}

extension Int: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int8 }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int8 }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int4 }
}

extension Int16: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .int2 }
}
