extension Connection {
    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    ///
    /// Called inside another transaction (one of these blocks, or one begun with a plain
    /// `begin`, as the shell does), it opens a savepoint instead, so a failing inner block
    /// undoes only its own work.
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
        let outermost = depth == 0 && !isInTransaction
        let savepoint = "micic_savepoint_\(depth)"
        try execute(Query(unsafeSQL: outermost ? "begin" : "savepoint \(savepoint)"))
        currentTransactionDepth = depth + 1
        defer { currentTransactionDepth = depth }
        let value: Value
        do {
            value = try body(self)
        } catch {
            if !isBroken {
                let undo =
                    outermost ? "rollback" : "rollback to savepoint \(savepoint); release savepoint \(savepoint)"
                try? executeScript(undo)
            }
            throw error
        }
        try execute(Query(unsafeSQL: outermost ? "commit" : "release savepoint \(savepoint)"))
        return value
    }
}
