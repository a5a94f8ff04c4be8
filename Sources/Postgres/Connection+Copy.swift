internal import CLibPQ

extension Connection {
    /// Streams rows into a table with `COPY ... FROM STDIN`.
    ///
    /// When `body` throws, the COPY is ended with an error so the server discards every row
    /// of it, and the connection stays usable.
    ///
    /// - Returns: the number of rows the server loaded.
    @discardableResult
    public func copyFrom(_ statement: Query, _ body: (inout CopyWriter) throws -> Void) throws -> Int {
        let handle = try openHandle()
        let sql = try statement.render(quotingIdentifiers: escapeIdentifier)
        guard let start = PQexec(handle, sql) else { throw lostOrFailed(nil) }
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try check(start)
            throw PostgresError(code: .protocolViolation, message: "the statement is not a COPY FROM STDIN")
        }
        PQclear(start)
        var writer = CopyWriter(handle: handle)
        do {
            try body(&writer)
            try writer.flush()
        } catch {
            PQputCopyEnd(handle, "the client abandoned the COPY")
            drainResults()
            // Data the server stopped taking because the link broke is a lost connection.
            if PQstatus(handle) != CONNECTION_OK { throw lostOrFailed(nil) }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw lostOrFailed(nil) }
        return try finishCopy()
    }

    /// Streams the output of `COPY ... TO STDOUT`, one row (a line of bytes) at a time.
    ///
    /// When `body` throws, the rest of the output is read and dropped so the connection
    /// stays usable, and the error is rethrown.
    ///
    /// - Returns: the number of rows the server sent.
    @discardableResult
    public func copyTo(_ statement: Query, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let handle = try openHandle()
        let sql = try statement.render(quotingIdentifiers: escapeIdentifier)
        guard let start = PQexec(handle, sql) else { throw lostOrFailed(nil) }
        guard PQresultStatus(start) == PGRES_COPY_OUT else {
            _ = try check(start)
            throw PostgresError(code: .protocolViolation, message: "the statement is not a COPY TO STDOUT")
        }
        PQclear(start)
        var failure: (any Error)?
        while true {
            var line: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &line, 0)
            guard length > 0, let line else { break }
            defer { PQfreemem(line) }
            if failure == nil {
                do { try body(UnsafeRawBufferPointer(start: line, count: Int(length))) } catch { failure = error }
            }
        }
        let rows = try finishCopy()
        if let failure { throw failure }
        return rows
    }

    /// Reads the COPY's closing result and drains the rest.
    private func finishCopy() throws -> Int {
        let handle = try openHandle()
        var outcome: Result<Int, any Error> = .failure(lostOrFailed(nil))
        var first = true
        while let result = PQgetResult(handle) {
            if first {
                outcome = Result { try check(result).rowsAffected }
                first = false
            } else {
                PQclear(result)
            }
        }
        return try outcome.get()
    }

    private func drainResults() {
        guard let handle = try? openHandle() else { return }
        while let result = PQgetResult(handle) { PQclear(result) }
    }
}
