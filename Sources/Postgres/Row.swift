internal import CLibPQ

/// One row of a ``QueryResult``, read column by column into Swift types.
///
/// A wrong type or an unexpected NULL throws an error that names the column:
///
/// ```swift
/// let title = try row.decode(String.self, column: "title")
/// let version = try row.decode(Int.self, at: 2)
/// let due: Date? = try row.decode(column: "due_at")
/// ```
public struct Row: Sendable {
    /// The result this row belongs to.
    public let result: QueryResult
    /// The row's position in the result.
    public let index: Int

    /// Decodes the first column called `column`.
    public func decode<Value: PostgresDecodable>(
        _ type: Value.Type = Value.self,
        column: String
    ) throws -> Value {
        try decode(type, at: try result.columnNumber(column))
    }

    /// Decodes the column at position `column` (0-based).
    public func decode<Value: PostgresDecodable>(_ type: Value.Type = Value.self, at column: Int) throws -> Value {
        guard column >= 0 && column < result.columns.count else {
            throw PostgresError(code: .missingColumn, message: "the result has no column number \(column)")
        }
        do {
            guard let bytes = textBytes(at: column) else { return try Value.decodeNull() }
            return try Value.decode(postgresBytes: bytes, type: result.columns[column].type)
        } catch var error as PostgresError {
            let name = result.columns[column].name
            error.column = name
            error.message = "column \(name): " + error.message
            throw error
        }
    }

    /// Whether the column at `column` is NULL.
    public func isNull(at column: Int) -> Bool {
        PQgetisnull(result.handle, Int32(index), Int32(column)) == 1
    }

    /// The column's value in PostgreSQL's text format, `nil` for NULL.
    public func text(at column: Int) -> String? {
        textBytes(at: column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the column's value in text format, as the bytes libpq holds (no
    /// copy, no check that they are UTF-8); `nil` for NULL. The bytes are valid only inside
    /// `body`.
    public func withTextBytes<Result>(
        at column: Int,
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result? {
        guard let bytes = textBytes(at: column) else { return nil }
        return try body(bytes)
    }

    /// The column's value in text format as the bytes libpq holds, valid while the result
    /// lives; `nil` for NULL.
    private func textBytes(at column: Int) -> UnsafeRawBufferPointer? {
        let row = Int32(index)
        let field = Int32(column)
        let length = Int(PQgetlength(result.handle, row, field))
        // Only an empty value may be NULL.
        if length == 0 && PQgetisnull(result.handle, row, field) == 1 { return nil }
        return UnsafeRawBufferPointer(start: PQgetvalue(result.handle, row, field), count: length)
    }

    /// All columns in text format, `nil` for NULL: what psql would print.
    public var texts: [String?] {
        (0..<result.columns.count).map { text(at: $0) }
    }
}
