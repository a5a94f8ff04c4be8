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
        return try stream(query, plan: .withValues, on: handle) { result in
            defer { PQclear(result) }
            try body(StreamedRow(handle: result))
        }
    }

    /// Runs one statement planned as `plan` says and hands each of its rows to `body` as it
    /// arrives, as ``stream(_:_:)`` does, as a ``Row`` that may be kept: a short result is
    /// read while the server still makes it (a page's rows are read, one by one, while the
    /// server looks for the next ones), where ``query(_:plan:)`` waits for the last row.
    ///
    /// - Returns: the number of rows handed to `body`.
    @discardableResult
    public func stream(_ query: Query, plan: StatementPlan, _ body: (Row) throws -> Void) throws -> Int {
        let handle = try connectedHandle()
        return try inPlanCacheMode(generic: plan == .generic, on: handle) {
            var shape: QueryResult?
            return try stream(query, plan: plan, on: handle) { result in
                // Every row has the columns of the first: they are read once.
                let row = shape.map { QueryResult(row: result, shapedLike: $0) } ?? QueryResult(handle: result)
                shape = shape ?? row
                try body(row[0])
            }
        }
    }

    /// Sends the statement, reads its answer in single-row mode, and hands each row's
    /// result to `body`, which owns it.
    private func stream(
        _ query: Query,
        plan: StatementPlan,
        on handle: OpaquePointer,
        _ body: (OpaquePointer) throws -> Void
    ) throws -> Int {
        let sent = try bind(query, plan: plan) { $0.send(on: handle) }
        guard sent else { throw lostOrFailed(nil) }
        PQsetSingleRowMode(handle)
        var rows = 0
        var failure: (any Error)?
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            if status == PGRES_SINGLE_TUPLE && failure == nil {
                do {
                    rows += 1
                    try body(result)
                } catch {
                    failure = error
                }
            } else if status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK {
                PQclear(result)
            } else {
                do { _ = try check(result) } catch { failure = failure ?? error }
            }
        }
        if let failure { throw failure }
        return rows
    }
}
