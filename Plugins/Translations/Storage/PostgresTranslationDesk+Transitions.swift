internal import Kernel
public import Postgres
internal import Store
public import Translations

extension PostgresTranslationDesk {
    public func transition(
        jobs ids: [Int64],
        name: String,
        comment: String?,
        expectedVersions: [Int64: Int],
        tenant: String,
        author: String
    ) async throws -> [TranslationOutcome] {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try self.transition(
                    jobs: ids,
                    name: name,
                    comment: comment,
                    expectedVersions: expectedVersions,
                    tenant: tenant,
                    author: author,
                    on: connection
                )
            }
        }
    }

    /// Takes `name` for each job on `connection`: every job is checked on its own, then all
    /// that passed move in one statement that also writes their workflow events and audit
    /// entries. The caller owns the transaction.
    public func transition(
        jobs ids: [Int64],
        name: String,
        comment: String?,
        expectedVersions: [Int64: Int],
        tenant: String,
        author: String,
        on connection: isolated Connection
    ) throws -> [TranslationOutcome] {
        let record = try store.tenantRecord(tenant, on: connection)
        try rules.writable(record.tenant)
        let workflow = Workflow.translation
        guard let transition = workflow.transition(name) else {
            throw ContentError(
                .invalidState,
                "translation jobs have no transition '\(name)' ("
                    + workflow.transitions.map(\.name).joined(separator: ", ")
                    + ")"
            )
        }
        if transition.requiresComment && (comment ?? "").allSatisfy(\.isWhitespace) {
            throw ValidationError(issues: [ValidationIssue(field: "comment", message: "is required to \(name)")])
        }
        // Who publishes translations is the tenant's choice: on approval, reviewers may too.
        var reviewersPublish = false
        if record.role == .reviewer && workflow.publishes(transition) {
            reviewersPublish = try TenantDirectory().translationsPublish(tenant, on: connection) == "on-approval"
        }
        let found = try jobs(TranslationJobQuery(ids: ids), tenant: tenant, lock: true, on: connection)
        let byID = Dictionary(found.map { ($0.id, $0) }) { first, _ in first }
        var refusals: [Int64: String] = [:]
        for id in ids {
            guard let job = byID[id] else {
                refusals[id] = "there is no translation job \(id) in tenant \(tenant)"
                continue
            }
            if let expected = expectedVersions[id], expected != job.version {
                refusals[id] = "job \(id) is at version \(job.version), not \(expected); read it again"
            } else if let refusal = job.refusal(
                of: transition,
                person: author,
                role: record.role,
                languages: record.languages,
                publishing: reviewersPublish
            ) {
                refusals[id] = refusal
            }
        }
        if name == "submit" {
            for id in ids where refusals[id] == nil {
                let target = try store.item(id: byID[id]!.targetID, tenant: tenant, on: connection)
                do { try rules.complete(target, in: record.tenant) } catch let error as ValidationError {
                    refusals[id] =
                        "the translation is not complete: \(error.issues.map(\.description).joined(separator: "; "))"
                }
            }
        }
        let moving = ids.filter { refusals[$0] == nil && byID[$0] != nil }
        try store.moveJobs(
            moving,
            to: transition.to,
            name: name,
            comment: comment,
            tenantID: record.id,
            author: author,
            on: connection
        )
        let moved = moving.isEmpty ? [] : try jobs(TranslationJobQuery(ids: moving), tenant: tenant, on: connection)
        let done = Dictionary(moved.map { ($0.id, $0) }) { first, _ in first }
        return ids.map { id in
            if let job = done[id] { return .done(job) }
            return .failed(id, refusals[id] ?? "job \(id) was not moved")
        }
    }
}
