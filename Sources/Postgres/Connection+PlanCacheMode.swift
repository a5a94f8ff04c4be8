internal import CLibPQ

extension Connection {
    /// Runs `statement` in the `plan_cache_mode` it needs and returns its result: a generic
    /// statement with `force_generic_plan` (see ``StatementPlan/generic``), every other one
    /// with PostgreSQL's default.
    ///
    /// Outside a transaction block the mode is left as the last statement needed it and
    /// changed only when a statement needs the other one: the setting is sent in the
    /// statement's round trip, ahead of it and committed on its own (a failing statement
    /// does not take it back), so a run of list pages sends nothing but their statements.
    /// Inside a block a generic statement sets the mode for itself alone and resets it
    /// after, in the same round trip, so that rolling the block back leaves the mode as it
    /// was; other statements there change nothing.
    func run(_ statement: BoundStatement, generic: Bool, on handle: OpaquePointer) throws -> QueryResult {
        let wanted: PlanCacheMode = generic ? .forcedGeneric : .standard
        let inBlock = PQtransactionStatus(handle) != PQTRANS_IDLE
        if planCacheMode == wanted || (inBlock && !generic) { return try check(statement.execute(on: handle)) }
        if inBlock {
            let answers = try pipeline(
                [[Self.setting(.forcedGeneric), statement.send, Self.setting(.standard)]],
                on: handle
            )
            for answer in answers { if case .failure(let error) = answer { throw error } }
            return try answers[1].get()
        }
        let answers = try pipeline([[Self.setting(wanted)], [statement.send]], on: handle)
        do {
            _ = try answers[0].get()
            planCacheMode = wanted
        } catch {
            planCacheMode = nil
            throw error
        }
        return try answers[1].get()
    }

    /// Runs `body`, which sends a statement and reads its answer itself (a stream of rows),
    /// in the `plan_cache_mode` the statement needs, as ``run(_:generic:on:)`` does but with
    /// the setting in a round trip of its own when it changes: runs of one kind of
    /// statement send nothing else.
    func inPlanCacheMode<Result>(
        generic: Bool,
        on handle: OpaquePointer,
        _ body: () throws -> Result
    ) throws -> Result {
        let wanted: PlanCacheMode = generic ? .forcedGeneric : .standard
        let inBlock = PQtransactionStatus(handle) != PQTRANS_IDLE
        if planCacheMode == wanted || (inBlock && !generic) { return try body() }
        if inBlock {
            _ = try check(PQexec(handle, PlanCacheMode.forcedGeneric.setting))
            // When the statement failed, the block is aborted and rolling it back resets the mode.
            defer { _ = try? check(PQexec(handle, PlanCacheMode.standard.setting)) }
            return try body()
        }
        try setPlanCacheMode(wanted, on: handle)
        return try body()
    }

    /// Resets a `plan_cache_mode` that generic statements left, before a statement sent
    /// otherwise than by ``query(_:plan:)`` (scripts, COPY, streamed rows); outside
    /// transaction blocks only, as ``run(_:generic:on:)`` changes it.
    func restoreStandardPlans(on handle: OpaquePointer) throws {
        guard planCacheMode != .standard, PQtransactionStatus(handle) == PQTRANS_IDLE else { return }
        try setPlanCacheMode(.standard, on: handle)
    }

    /// Sets the session's mode in a round trip of its own, outside transaction blocks; when
    /// that fails, the mode is taken as unknown.
    private func setPlanCacheMode(_ mode: PlanCacheMode, on handle: OpaquePointer) throws {
        do {
            _ = try check(PQexec(handle, mode.setting))
            planCacheMode = mode
        } catch {
            planCacheMode = nil
            throw error
        }
    }

    /// Sends the statements of each group in pipeline mode, a sync after each group (one
    /// transaction each, outside a block), in one round trip, and returns every
    /// statement's result in order.
    private func pipeline(
        _ groups: [[(OpaquePointer) -> Bool]],
        on handle: OpaquePointer
    ) throws -> [Result<QueryResult, any Error>] {
        guard PQenterPipelineMode(handle) == 1 else { throw lostOrFailed(nil) }
        defer { PQexitPipelineMode(handle) }
        var sent = true
        var syncs = 0
        for group in groups where sent {
            for send in group where sent { sent = send(handle) }
            guard PQpipelineSync(handle) == 1 else { throw lostOrFailed(nil) }
            syncs += 1
        }
        // Each statement's result is followed by a null; each sync's result ends its group.
        var answers: [Result<QueryResult, any Error>] = []
        while syncs > 0 {
            guard let result = PQgetResult(handle) else {
                if PQstatus(handle) != CONNECTION_OK { throw lostOrFailed(nil) }
                continue
            }
            if PQresultStatus(result) == PGRES_PIPELINE_SYNC {
                PQclear(result)
                syncs -= 1
                continue
            }
            answers.append(Result(catching: { try check(result) }))
        }
        guard sent, answers.count == groups.map(\.count).reduce(0, +) else { throw lostOrFailed(nil) }
        return answers
    }

    /// Queues the statement that sets `mode`.
    private static func setting(_ mode: PlanCacheMode) -> (OpaquePointer) -> Bool {
        { PQsendQueryParams($0, mode.setting, 0, nil, nil, nil, nil, 0) == 1 }
    }
}
