internal import CLibPQ

/// The rows and status that one statement produced.
///
/// A result is a collection of ``Row`` values; it owns libpq's `PGresult` and frees it when
/// the last row referring to it is gone.
///
/// ```swift
/// for row in try connection.query("select code, name from tenants") {
///     print(try row.decode(String.self, column: "code"))
/// }
/// ```
public final class QueryResult: RandomAccessCollection, @unchecked Sendable {
    // Invariant: `handle` is never mutated after init; libpq allows reading one PGresult from
    // several threads, so sharing the result is safe.
    let handle: OpaquePointer

    /// The result's columns, in order.
    public let columns: [Column]
    /// The number of rows a command changed or returned (`INSERT`, `UPDATE`, `DELETE`,
    /// `SELECT`, `COPY`, ...), 0 when the command reports none.
    public let rowsAffected: Int
    /// The command tag, for example `INSERT 0 1`.
    public let commandTag: String

    private let columnIndex: [String: Int]
    private let rowCount: Int

    init(handle: OpaquePointer) {
        self.handle = handle
        let fieldCount = Int(PQnfields(handle))
        var columns: [Column] = []
        var index: [String: Int] = [:]
        for field in 0..<fieldCount {
            let name = String(cString: PQfname(handle, Int32(field)))
            columns.append(Column(name: name, type: PostgresType(oid: PQftype(handle, Int32(field)))))
            if index[name] == nil { index[name] = field }
        }
        self.columns = columns
        columnIndex = index
        rowCount = Int(PQntuples(handle))
        rowsAffected = Int(String(cString: PQcmdTuples(handle))) ?? 0
        commandTag = String(cString: PQcmdStatus(handle))
    }

    /// The result of one row of a stream, whose columns are those of `shape` (an earlier
    /// row's result of the same statement).
    init(row handle: OpaquePointer, shapedLike shape: QueryResult) {
        self.handle = handle
        columns = shape.columns
        columnIndex = shape.columnIndex
        rowCount = Int(PQntuples(handle))
        rowsAffected = 0
        commandTag = ""
    }

    deinit {
        PQclear(handle)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rowCount }

    public subscript(position: Int) -> Row {
        precondition(position >= 0 && position < rowCount, "row \(position) is out of range")
        return Row(result: self, index: position)
    }

    /// The index of the first column called `name`.
    public func columnNumber(_ name: String) throws -> Int {
        guard let number = columnIndex[name] else {
            throw PostgresError(code: .missingColumn, message: "the result has no column \(name)", column: name)
        }
        return number
    }

    /// A column of a result: its name and type.
    public struct Column: Hashable, Sendable {
        /// The column's name (or alias).
        public let name: String
        /// The column's data type.
        public let type: PostgresType
    }
}
