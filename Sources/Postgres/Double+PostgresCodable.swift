extension Double: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .float8 }

    public func postgresText() throws -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self > 0 ? "Infinity" : "-Infinity" }
        return String(self)
    }

    public static func decode(postgresText text: String, type: PostgresType) throws -> Double {
        guard [PostgresType.float4, .float8, .numeric, .int2, .int4, .int8].contains(type) else {
            throw typeMismatch(type)
        }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw malformed(type) }
            return value
        }
    }
}
