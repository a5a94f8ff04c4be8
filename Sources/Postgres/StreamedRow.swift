internal import CLibPQ

/// One row of a statement read by ``Connection/stream(_:_:)``, as libpq received it: valid
/// only inside the closure it is given to.
///
/// ```swift
/// try connection.stream("select payload::text from items where tenant_id = \(tenant)") { row in
///     try row.withTextBytes(at: 0) { try output.write($0) }
/// }
/// ```
public struct StreamedRow: ~Copyable {
    // Invariant: the PGresult of one row, alive and used on the connection's thread for the
    // duration of the closure the row is lent to, and never stored.
    let handle: OpaquePointer

    /// The number of columns.
    public var columnCount: Int {
        Int(PQnfields(handle))
    }

    /// Whether the column at `column` (0-based) is NULL.
    public func isNull(at column: Int) -> Bool {
        PQgetisnull(handle, 0, Int32(column)) == 1
    }

    /// Calls `body` with the column's value in text format, as the bytes libpq holds (no
    /// copy, no check that they are UTF-8); `nil` for NULL or a column the row lacks.
    public func withTextBytes<Result>(
        at column: Int,
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result? {
        let field = Int32(column)
        guard column >= 0, field < PQnfields(handle), PQgetisnull(handle, 0, field) == 0 else { return nil }
        let length = Int(PQgetlength(handle, 0, field))
        return try body(UnsafeRawBufferPointer(start: PQgetvalue(handle, 0, field), count: length))
    }
}
