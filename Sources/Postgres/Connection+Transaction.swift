extension Connection {
    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// Called inside another transaction, it opens a savepoint instead, so a failing inner
    /// block undoes only its own work.
    ///
    /// ```swift
    /// try connection.withTransaction { connection in
    ///     try connection.execute("insert into items ...")
    ///     try? connection.withTransaction { try $0.execute("insert that may fail") }
    /// }
    /// ```
    @discardableResult
    public func withTransaction<Value>(_ body: (isolated Connection) throws -> Value) throws -> Value {
        let depth = currentTransactionDepth
        let savepoint = "micic_savepoint_\(depth)"
        try execute(Query(unsafeSQL: depth == 0 ? "begin" : "savepoint \(savepoint)"))
        currentTransactionDepth = depth + 1
        defer { currentTransactionDepth = depth }
        let value: Value
        do {
            value = try body(self)
        } catch {
            if !isBroken {
                let undo =
                    depth == 0 ? "rollback" : "rollback to savepoint \(savepoint); release savepoint \(savepoint)"
                try? executeScript(undo)
            }
            throw error
        }
        try execute(Query(unsafeSQL: depth == 0 ? "commit" : "release savepoint \(savepoint)"))
        return value
    }
}
