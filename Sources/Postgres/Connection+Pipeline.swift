internal import CLibPQ

extension Connection {
    /// Sends the statements `body` gives in libpq's pipeline mode: each goes out without
    /// waiting for the answer to the one before, so the server works on one while the
    /// client prepares the next, and no round trip is spent between them.
    ///
    /// Each statement is followed by a synchronization point. At most `window` statements
    /// are left unanswered: sending one more first reads the oldest one's answer, so
    /// answers never pile up beyond what the socket holds (the server would stop reading
    /// while the client still writes). Run it inside a transaction (``withTransaction(_:)``)
    /// for the statements to stand or fall together: outside one, each commits on its own.
    ///
    /// ```swift
    /// let results = try connection.pipeline { pipeline in
    ///     for chunk in chunks { try pipeline.send("insert into items select * from jsonb_to_recordset(\(chunk))") }
    /// }
    /// ```
    ///
    /// - Returns: every statement's result, in the order they were sent.
    /// - Throws: the first statement's error (the later ones are still read, so the
    ///   connection stays usable), or what `body` threw.
    public func pipeline(window: Int = 2, _ body: (inout PipelineWriter) throws -> Void) throws -> [QueryResult] {
        let handle = try openHandle()
        guard PQenterPipelineMode(handle) == 1 else { throw lostOrFailed(nil) }
        var writer = PipelineWriter(
            window: max(window, 1),
            transmit: { query in
                let sql = try query.render(quotingIdentifiers: self.escapeIdentifier)
                let parameters = try Parameters(query.bindings)
                let sent = parameters.withPointers { count, types, values in
                    PQsendQueryParams(handle, sql, count, types, values, nil, nil, 0) == 1
                }
                guard sent, PQpipelineSync(handle) == 1 else { throw self.lostOrFailed(nil) }
            },
            receive: { self.pipelineAnswer(handle) }
        )
        var failure: (any Error)?
        do { try body(&writer) } catch { failure = error }
        writer.drain()
        PQexitPipelineMode(handle)
        if let failure = failure ?? writer.failure { throw failure }
        return writer.results
    }

    /// Reads the answer to one statement sent in pipeline mode, up to its synchronization
    /// point: its result, or its error.
    func pipelineAnswer(_ handle: OpaquePointer) -> Result<QueryResult, any Error> {
        var answer: Result<QueryResult, any Error>?
        while true {
            guard let result = PQgetResult(handle) else {
                if PQstatus(handle) != CONNECTION_OK { return .failure(lostOrFailed(nil)) }
                continue
            }
            let status = PQresultStatus(result)
            if status == PGRES_PIPELINE_SYNC {
                PQclear(result)
                return answer ?? .failure(lostOrFailed(nil))
            }
            if status == PGRES_PIPELINE_ABORTED {
                PQclear(result)
                answer = answer ?? .failure(PostgresError(code: .server, message: "the pipeline was aborted"))
                continue
            }
            let checked = Result(catching: { try check(result) })
            answer = answer ?? checked
        }
    }
}
