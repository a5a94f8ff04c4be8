internal import CLibPQ

extension Connection {
    /// Runs one statement and hands its rows to `body` one at a time as they arrive (libpq's
    /// single-row mode), without holding the whole result and without a cursor's round trip
    /// per batch: the server goes on producing rows while `body` works, and may plan the
    /// statement in parallel (a cursor never is).
    ///
    /// When `body` throws, the rest of the rows are read and dropped so the connection stays
    /// usable, and the error is rethrown. A failure of the statement after some rows were
    /// handed on throws too.
    ///
    /// - Returns: the number of rows handed to `body`.
    @discardableResult
    public func stream(_ query: Query, _ body: (borrowing StreamedRow) throws -> Void) throws -> Int {
        let handle = try openHandle()
        let sql = try query.render(quotingIdentifiers: escapeIdentifier)
        let parameters = try Parameters(query.bindings)
        let sent = parameters.withPointers { count, types, values in
            PQsendQueryParams(handle, sql, count, types, values, nil, nil, 0) == 1
        }
        guard sent else { throw lostOrFailed(nil) }
        PQsetSingleRowMode(handle)
        var rows = 0
        var failure: (any Error)?
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            if status == PGRES_SINGLE_TUPLE {
                if failure == nil {
                    do {
                        try body(StreamedRow(handle: result))
                        rows += 1
                    } catch {
                        failure = error
                    }
                }
                PQclear(result)
            } else if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
                PQclear(result)
            } else {
                do { _ = try check(result) } catch { failure = failure ?? error }
            }
        }
        if let failure { throw failure }
        return rows
    }
}
