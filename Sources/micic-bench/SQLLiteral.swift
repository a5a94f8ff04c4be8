import Postgres

/// SQL text with values written in: quoted literals and statements with their bindings
/// inlined, for baselines run by psql and pgbench.
enum SQLLiteral {
    /// `text` as a standard SQL string literal (single quotes doubled).
    static func quote(_ text: String) -> String {
        var quoted = "'"
        quoted.reserveCapacity(text.utf8.count + 8)
        for character in text {
            quoted.append(character)
            if character == "'" { quoted.append("'") }
        }
        quoted.append("'")
        return quoted
    }

    /// The SQL name of a parameter type.
    static func typeName(_ type: PostgresType) throws -> String {
        switch type {
        case .int8: "bigint"
        case .int4: "integer"
        case .int2: "smallint"
        case .text: "text"
        case .jsonb: "jsonb"
        case .bool: "boolean"
        case .timestamptz: "timestamptz"
        case .textArray: "text[]"
        case .int8Array: "bigint[]"
        case .regconfig: "regconfig"
        default: throw BenchError(message: "no SQL type name for parameter type \(type)")
        }
    }

    /// The statement's bindings as typed literals (`'value'::type`, or `NULL::type`), in order.
    static func literals(of query: Query) throws -> [String] {
        try query.bindings.map { value in
            let type = try typeName(Swift.type(of: value).postgresType)
            return (try value.postgresText().map(quote) ?? "NULL") + "::" + type
        }
    }

    /// The statement with each `$n` replaced by its binding as a typed literal
    /// (`'value'::type`, or `NULL::type`). One pass, reading whole numbers, so `$1` never
    /// clobbers `$10` and a literal's own text is never scanned again.
    static func inline(_ query: Query) throws -> String {
        let literals = try literals(of: query)
        let scalars = Array(query.description.unicodeScalars)
        var text = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            var end = index + 1
            while scalar == "$", end < scalars.count, ("0"..."9").contains(scalars[end]) { end += 1 }
            if end > index + 1, let number = Int(String(String.UnicodeScalarView(scalars[(index + 1)..<end]))) {
                guard (1...literals.count).contains(number) else {
                    throw BenchError(message: "the statement names $\(number) but has \(literals.count) bindings")
                }
                text.append(contentsOf: literals[number - 1].unicodeScalars)
            } else {
                text.append(contentsOf: scalars[index..<end])
            }
            index = end
        }
        return String(text)
    }
}
