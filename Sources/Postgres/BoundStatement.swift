internal import CLibPQ

/// One statement with its parameters laid out as libpq takes them: a prepared statement's
/// execution when it has a name, else the unnamed statement. The pointers are those of
/// ``Parameters/withPointers(_:)``, valid only inside its closure.
struct BoundStatement {
    let sql: String
    /// The prepared statement to execute, or `nil` for the unnamed one (planned with its values).
    let preparedName: String?
    let count: Int32
    let types: UnsafePointer<UInt32>?
    let values: UnsafePointer<UnsafePointer<CChar>?>?

    /// Runs the statement and returns its result (`nil` when libpq could not send it).
    func execute(on handle: OpaquePointer) -> OpaquePointer? {
        if let preparedName { return PQexecPrepared(handle, preparedName, count, values, nil, nil, 0) }
        return PQexecParams(handle, sql, count, types, values, nil, nil, 0)
    }

    /// Queues the statement in pipeline mode; `false` when libpq could not.
    func send(on handle: OpaquePointer) -> Bool {
        if let preparedName { return PQsendQueryPrepared(handle, preparedName, count, values, nil, nil, 0) == 1 }
        return PQsendQueryParams(handle, sql, count, types, values, nil, nil, 0) == 1
    }
}
