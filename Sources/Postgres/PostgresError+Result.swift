internal import CLibPQ

extension PostgresError {
    /// Reads every diagnostic field of a failed libpq result.
    init(result: OpaquePointer) {
        func field(_ code: Unicode.Scalar) -> String? {
            PQresultErrorField(result, Connection.field(code)).map { String(cString: $0) }
        }
        self.init(
            code: .server,
            message: field("M") ?? String(cString: PQresultErrorMessage(result)),
            sqlState: field("C").map(SQLState.init)
        )
        severity = field("V") ?? field("S")
        detail = field("D")
        hint = field("H")
        schema = field("s")
        table = field("t")
        column = field("c")
        dataType = field("d")
        constraint = field("n")
        position = field("P").flatMap { Int($0) }
        context = field("W")
    }
}
