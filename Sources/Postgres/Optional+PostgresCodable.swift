extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresType { Wrapped.postgresType }

    public func postgresText() throws -> String? {
        switch self {
        case .some(let value): try value.postgresText()
        case .none: nil
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText text: String, type: PostgresType) throws -> Wrapped? {
        try Wrapped.decode(postgresText: text, type: type)
    }

    public static func decode(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Wrapped? {
        try Wrapped.decode(postgresBytes: bytes, type: type)
    }

    public static func decodeNull() throws -> Wrapped? { nil }
}
