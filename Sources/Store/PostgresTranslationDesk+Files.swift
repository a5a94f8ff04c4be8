public import Kernel
public import Postgres

extension PostgresTranslationDesk {
    /// A job with its source and target items as they now are, and the hash of every
    /// translatable source field now.
    struct Workpiece {
        let job: TranslationJob
        let source: Item
        let target: Item
        let currentHashes: [String: String]
        /// The translatable fields in the order the type declares them (title first).
        let order: [String]

        /// The text of `field` in `item` (the title, or a text field's value).
        static func text(of field: String, in item: Item) -> String? {
            field == "title" ? item.title : item.fields[field]?.textValue
        }

        /// One unit per translatable field holding text in the source.
        var units: [TranslationUnit] {
            job.sourceHashes.keys.sorted {
                (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1)
            }
            .compactMap { field in
                guard let source = Self.text(of: field, in: source), !source.isEmpty else { return nil }
                let target = Self.text(of: field, in: target).flatMap { $0.isEmpty ? nil : $0 }
                return TranslationUnit(
                    field: field,
                    sourceHash: currentHashes[field] ?? "",
                    source: source,
                    target: target
                )
            }
        }
    }

    /// The workpieces of the jobs `query` selects, read in one statement.
    func workpieces(
        _ query: TranslationJobQuery,
        tenant: String,
        lock: Bool = false,
        on connection: isolated Connection
    ) throws -> [Workpiece] {
        let record = try store.tenantRecord(tenant, on: connection)
        let jobs = try jobs(query, tenant: tenant, lock: lock, on: connection)
        guard !jobs.isEmpty else { return [] }
        let rows = try connection.query(
            """
            select j.id as job_id,
                   micic_field_hashes(s.title, s.fields, array(select jsonb_object_keys(j.source_hashes))) as hashes,
                   \(ItemColumns.columns(of: "s")), \(ItemColumns.columns(of: "t", prefix: "t_"))
            from translation_jobs j
            join items s on s.tenant_id = j.tenant_id and s.id = j.source_id
            join items t on t.tenant_id = j.tenant_id and t.id = j.target_id
            where j.tenant_id = \(record.id) and j.id = any(\(jobs.map(\.id)))
            """
        )
        var pieces: [Int64: (Item, Item, [String: String])] = [:]
        for row in rows {
            pieces[try row.decode(column: "job_id")] = (
                try ItemColumns.item(from: row, tenant: tenant),
                try ItemColumns.item(from: row, tenant: tenant, prefix: "t_"),
                try row.decode(JSONDocument.self, column: "hashes").decode()
            )
        }
        return jobs.compactMap { job in
            pieces[job.id].map {
                Workpiece(
                    job: job,
                    source: $0.0,
                    target: $0.1,
                    currentHashes: $0.2,
                    order: (try? rules.type(job.type).translatableFields) ?? []
                )
            }
        }
    }

    public func packets(_ query: TranslationJobQuery, tenant: String) async throws -> [TranslationPacket] {
        try await connection.run { connection in
            try self.workpieces(query, tenant: tenant, on: connection).map { piece in
                TranslationPacket(
                    jobID: piece.job.id,
                    sourceLanguage: piece.source.language,
                    targetLanguage: piece.job.language,
                    type: piece.job.type,
                    sourceID: piece.job.sourceID,
                    units: piece.units
                )
            }
        }
    }

    public func outdated(_ query: TranslationJobQuery, tenant: String) async throws -> [OutdatedField] {
        try await connection.run { connection in
            let record = try self.store.tenantRecord(tenant, on: connection)
            var result: [OutdatedField] = []
            for job in try self.jobs(query, tenant: tenant, on: connection) where !job.outdatedFields.isEmpty {
                let then = try connection.query(
                    """
                    select title, fields from item_revisions
                    where tenant_id = \(record.id) and item_id = \(job.sourceID) and version = \(job.sourceVersion)
                    """
                )
                var before: [String: FieldValue] = [:]
                if let row = then.first {
                    before = try FieldValue.parseFields(json: try row.decode(JSONDocument.self, column: "fields").text)
                    before["title"] = .text(try row.decode(column: "title"))
                }
                let source = try self.store.item(id: job.sourceID, tenant: tenant, on: connection)
                for field in job.outdatedFields {
                    let now = field == "title" ? FieldValue.text(source.title) : source.fields[field]
                    result.append(OutdatedField(jobID: job.id, field: field, before: before[field], after: now))
                }
            }
            return result
        }
    }

    public func apply(
        _ packets: [TranslationPacket],
        tenant: String,
        author: String,
        force: Bool
    ) async throws -> [TranslationOutcome] {
        try await connection.run { connection in
            try connection.withTransaction { connection in
                try self.apply(packets, tenant: tenant, author: author, force: force, on: connection)
            }
        }
    }

    /// Checks every unit of `packets`, then writes all translations in one statement.
    public func apply(
        _ packets: [TranslationPacket],
        tenant: String,
        author: String,
        force: Bool,
        on connection: isolated Connection
    ) throws -> [TranslationOutcome] {
        let record = try store.tenantRecord(tenant, on: connection)
        try rules.writable(record.tenant)
        let ids = packets.map(\.jobID)
        let pieces = Dictionary(
            try workpieces(TranslationJobQuery(ids: ids), tenant: tenant, lock: true, on: connection).map {
                ($0.job.id, $0)
            }
        ) { first, _ in first }
        var problems: [TranslationImportError.Problem] = []
        var changes: [(item: Item, old: Item)] = []
        var changedSources: [Int64: [String]] = [:]
        var seen = Set<Int64>()
        for packet in packets {
            func problem(_ field: String?, _ message: String) {
                problems.append(.init(jobID: packet.jobID, field: field, message: message))
            }
            guard seen.insert(packet.jobID).inserted else {
                problem(nil, "the job appears twice in the file")
                continue
            }
            guard let piece = pieces[packet.jobID] else {
                problem(nil, "there is no translation job \(packet.jobID) in tenant \(tenant)")
                continue
            }
            if packet.targetLanguage != piece.job.language {
                problem(
                    nil,
                    "the file translates into \(packet.targetLanguage), but the job is for \(piece.job.language)"
                )
            }
            if packet.sourceLanguage != piece.source.language {
                problem(
                    nil,
                    "the file translates from \(packet.sourceLanguage), but the source is in \(piece.source.language)"
                )
            }
            if let refusal = piece.job.editRefusal(person: author, role: record.role, languages: record.languages) {
                problem(nil, refusal)
            }
            let expected = Set(piece.units.map(\.field))
            var target = piece.target
            for unit in packet.units {
                guard piece.job.sourceHashes[unit.field] != nil else {
                    problem(unit.field, "is not a translatable field of \(piece.job.type)")
                    continue
                }
                if unit.sourceHash != piece.currentHashes[unit.field] {
                    if force {
                        changedSources[packet.jobID, default: []].append(unit.field)
                    } else {
                        problem(
                            unit.field,
                            "the source text changed since the file was exported (use --force to import anyway; the job is then marked outdated)"
                        )
                    }
                }
                guard let text = unit.target else { continue }
                if unit.field == "title" { target.title = text } else { target.fields[unit.field] = .text(text) }
            }
            for field in expected.subtracting(packet.units.map(\.field)).sorted() {
                problem(field, "the unit is missing from the file")
            }
            do {
                let checked = try rules.apply(
                    ItemChanges(
                        title: target.title,
                        set: target.fields.filter { piece.target.fields[$0.key] != $0.value }
                    ),
                    to: piece.target,
                    in: record.tenant
                )
                var changed = checked
                changed.author = author
                if changed.title != piece.target.title || changed.fields != piece.target.fields {
                    changes.append((changed, piece.target))
                }
            } catch let error as ValidationError {
                for issue in error.issues { problem(issue.field, issue.message) }
            }
        }
        if !problems.isEmpty { throw TranslationImportError(problems: problems) }
        let saved = try store.saveAll(
            changes,
            tenantID: record.id,
            action: "translation-import",
            message: "translation import",
            on: connection
        )
        if saved.count != changes.count {
            throw ContentError(.conflict, "a translation changed while the file was imported; import it again")
        }
        try markOutdated(changedSources, tenantID: record.id, on: connection)
        try startRequested(ids, tenantID: record.id, author: author, on: connection)
        return try jobs(TranslationJobQuery(ids: ids), tenant: tenant, on: connection).map { .done($0) }
    }

    /// Flags the fields whose source changed since export (an import that was forced).
    private func markOutdated(_ fields: [Int64: [String]], tenantID: Int64, on connection: isolated Connection) throws {
        for (job, names) in fields {
            try connection.execute(
                """
                update translation_jobs set status = 'outdated', version = version + 1, updated_at = now(),
                    outdated_fields = array(select distinct unnest(outdated_fields || \(names)) order by 1)
                where tenant_id = \(tenantID) and id = \(job)
                """
            )
        }
    }

    /// Work has begun on requested jobs that received a translation.
    func startRequested(_ ids: [Int64], tenantID: Int64, author: String, on connection: isolated Connection) throws {
        let waiting = try connection.query(
            "select id from translation_jobs where tenant_id = \(tenantID) and id = any(\(ids)) and status = 'requested'"
        )
        try store.moveJobs(
            try waiting.map { try $0.decode(at: 0) },
            to: "in_progress",
            name: "start",
            comment: nil,
            tenantID: tenantID,
            author: author,
            on: connection
        )
    }
}
