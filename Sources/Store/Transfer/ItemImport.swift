internal import Foundation
public import Kernel
public import Postgres
internal import Transfer

/// Imports a CSV or NDJSON file into a tenant: streamed, validated row by row as a single
/// `create` is, loaded by COPY into a staging table, checked across rows, then merged in
/// batches (each one transaction with its revisions, audit entries and the job's checkpoint).
///
/// A file with a bad row writes nothing unless the request says to skip bad rows. Rows are
/// matched to existing items by a key (the slug, or an external id field): a row whose
/// content an item holds already changes nothing, a changed row saves a new version. An
/// interrupted import is resumed with ``resume(job:on:progress:stop:)``: its file is read
/// again and merged after the checkpoint, so every row is written exactly once.
///
/// ```swift
/// let options = ImportFileOptions(file: "/data/practices.csv")
/// let summary = try ItemImport(store: store).run(request, from: options, on: connection)
/// ```
public struct ItemImport: Sendable {
    /// The store whose tenants and rules the import uses.
    public let store: PostgresContentStore
    private let jobs = ImportJobStore()

    /// An import over `store`.
    public init(store: PostgresContentStore) {
        self.store = store
    }

    /// Imports the file `options` names, as `request` says.
    /// - Parameters:
    ///   - options: the file, the report of rejected rows, the batch size.
    ///   - progress: called now and then with the rows read, then merged.
    ///   - stop: polled between rows and batches; `true` interrupts (the job can be resumed).
    /// - Throws: ``ImportError`` when nothing was imported (an unreadable file, bad rows that
    ///   stop it), or an error that interrupted the merge (the job can be resumed).
    public func run(
        _ request: ImportRequest,
        from options: ImportFileOptions,
        on connection: isolated Connection,
        progress: @escaping @Sendable (ImportProgress) -> Void = { _ in },
        stop: @escaping @Sendable () -> Bool = { false }
    ) throws -> ImportSummary {
        try execute(request, options, job: nil, on: connection, progress: progress, stop: stop)
    }

    /// Resumes the unfinished job `id` after its checkpoint.
    public func resume(
        job id: Int64,
        on connection: isolated Connection,
        progress: @escaping @Sendable (ImportProgress) -> Void = { _ in },
        stop: @escaping @Sendable () -> Bool = { false }
    ) throws -> ImportSummary {
        let record = try jobs.record(id, on: connection)
        guard record.job.state != "finished" else {
            throw ImportError("import job \(id) is finished; there is nothing to resume")
        }
        guard try jobs.lock(id, on: connection) else {
            throw ImportError("import job \(id) is running in another session")
        }
        defer { jobs.unlock(id, on: connection) }
        return try execute(record.request, record.options, job: record, on: connection, progress: progress, stop: stop)
    }

    private func execute(
        _ request: ImportRequest,
        _ options: ImportFileOptions,
        job: ImportJobStore.Record?,
        on connection: isolated Connection,
        progress: @escaping @Sendable (ImportProgress) -> Void,
        stop: @escaping @Sendable () -> Bool
    ) throws -> ImportSummary {
        let record = try store.tenantRecord(request.tenant, on: connection)
        try store.rules.writable(record.tenant)
        let types = try request.type.map { [try store.rules.type($0)] } ?? store.rules.registry.contentTypes
        for type in types {
            try record.authorize(.create, item: nil, type: type)
        }
        if !request.dryRun && connection.isInTransaction {
            throw ImportError("an import commits batch by batch: run it outside begin ... commit (or with --dry-run)")
        }
        guard options.batchSize > 0 else { throw ImportError("the batch size must be at least 1") }
        if let language = request.language, !record.tenant.languages.contains(language) {
            throw ImportError(
                "the import's language \(language) is not one of tenant \(record.tenant.code)'s languages ("
                    + record.tenant.languages.joined(separator: ", ") + ")"
            )
        }
        let staging = ImportStaging(tenantID: record.id, key: request.key)
        defer { staging.drop(on: connection) }
        // A resumed job reports nothing again: its first run did.
        let log = try RejectionLog(report: job == nil ? options.report : nil)
        let loaded = try stage(
            request,
            file: options.file,
            tenant: record.tenant,
            into: staging,
            log: log,
            on: connection,
            progress,
            stop
        )
        if let job, loaded.size != job.fileSize || loaded.checksum != job.checksum {
            throw ImportError(
                "\(options.file) changed since import job \(job.job.id) started; nothing more was imported from it"
            )
        }
        for problems in try staging.rejectRepeatedKeys(on: connection) { log.add(problems) }
        for problems in try staging.resolveTargets(on: connection) { log.add(problems) }
        if request.key != "slug" {
            for problems in try staging.settleSlugs(on: connection) { log.add(problems) }
        }
        if record.role != .admin {
            for problems in try staging.rejectStateChanges(on: connection) { log.add(problems) }
        }
        if job == nil && log.count > 0 && request.onError == .stop {
            throw ImportError(rejected: log.count, problems: log.problems, report: log.path)
        }
        try staging.analyze(on: connection)
        var summary = ImportSummary(job: job?.job.id, dryRun: request.dryRun)
        summary.rows = loaded.rows
        summary.rowsWithoutLanguage = loaded.rowsWithoutLanguage
        summary.language = request.language ?? record.tenant.defaultLanguage
        summary.rejected = job?.job.rejected ?? log.count
        summary.problems = log.problems
        let merge = ImportMerge(
            tenantID: record.id,
            author: connection.user,
            message: request.message ?? "import",
            job: nil
        )
        if request.dryRun {
            let counts = try rehearse(merge, batchSize: options.batchSize, on: connection, progress, stop)
            summary.created = counts.created
            summary.updated = counts.updated
            summary.unchanged = counts.unchanged
            return summary
        }
        let id =
            try job?.job.id
            ?? jobs.start(
                request,
                options,
                tenantID: record.id,
                fileSize: loaded.size,
                checksum: loaded.checksum,
                rows: loaded.rows,
                rejected: log.count,
                on: connection
            )
        if job == nil {
            summary.job = id
        }
        defer { if job == nil { jobs.unlock(id, on: connection) } }
        var counts = ImportMerge.Counts(
            created: job?.job.created ?? 0,
            updated: job?.job.updated ?? 0,
            unchanged: job?.job.unchanged ?? 0
        )
        try mergeBatches(
            ImportMerge(tenantID: record.id, author: merge.author, message: merge.message, job: id),
            staging: staging,
            job: id,
            tenantID: record.id,
            from: job?.job.checkpoint ?? 0,
            batchSize: options.batchSize,
            workers: options.workers,
            linksTranslations: staging.key == "slug" && loaded.translations > 0,
            counts: &counts,
            on: connection,
            progress,
            stop
        )
        summary.created = counts.created
        summary.updated = counts.updated
        summary.unchanged = counts.unchanged
        return summary
    }

    /// What staging read from the file.
    private struct Loaded {
        var rows = 0
        var rowsWithoutLanguage = 0
        /// Rows naming the item they translate (by the ids of the file's source).
        var translations = 0
        var size = 0
        var checksum = ""
    }

    /// Reads, validates and stages every row; bad rows go to `log`.
    private func stage(
        _ request: ImportRequest,
        file: String,
        tenant: Tenant,
        into staging: ImportStaging,
        log: RejectionLog,
        on connection: isolated Connection,
        _ progress: @Sendable (ImportProgress) -> Void,
        _ stop: @Sendable () -> Bool
    ) throws -> Loaded {
        var loaded = Loaded()
        do {
            try staging.create(on: connection)
            let reader = try ImportFile.reader(file, format: request.format)
            var decoder = try ImportDecoder(
                rules: store.rules,
                tenant: tenant,
                type: request.type,
                key: request.key,
                format: request.format,
                columnMap: request.columnMap,
                language: request.language
            )
            let stopsAtFirst = request.onError == .stop
            var sawHeader = false
            try connection.copyFrom(ImportStaging.copy) { writer in
                while let source = try reader.next() {
                    let outcome = decoder.awaitsHeader ? try decoder.decode(source) : decoder.row(source)
                    switch outcome {
                    case .header:
                        sawHeader = true
                        continue
                    case .row(let row):
                        if !row.languageGiven { loaded.rowsWithoutLanguage += 1 }
                        if row.sourceTranslationOf != nil { loaded.translations += 1 }
                        // Once a row is bad and bad rows stop the import, the rest is only checked.
                        if !(stopsAtFirst && log.count > 0) { try writer.writeRow(ImportStaging.cells(row)) }
                    case .rejected(let problems):
                        log.add(problems)
                    }
                    loaded.rows += 1
                    if loaded.rows % 1_000 == 0 {
                        if stop() {
                            throw ImportError("interrupted while reading line \(source.line); nothing was written")
                        }
                        let estimate = Int(Double(loaded.rows) * Double(reader.size) / Double(max(reader.bytesRead, 1)))
                        progress(ImportProgress(phase: .reading, done: loaded.rows, total: estimate))
                    }
                }
            }
            guard loaded.rows > 0 else {
                throw ImportError(
                    reader.size == 0 || (request.format == .csv && !sawHeader)
                        ? "\(file) is empty: there is nothing to import"
                        : "\(file) holds no rows" + (sawHeader ? " after its header" : "")
                )
            }
            loaded.size = reader.size
            loaded.checksum = reader.checksum
        } catch let error as ImportFileError {
            // The rows already found bad are reported with the problem that stopped reading.
            guard log.count > 0 else { throw ImportError("\(file): \(error.message)") }
            throw ImportError(
                rejected: log.count,
                problems: log.problems,
                report: log.path,
                then: "\(file): \(error.message)"
            )
        } catch let error as PostgresError where error.sqlState == .queryCanceled {
            throw ImportError("interrupted while reading \(file); nothing was written")
        }
        return loaded
    }

    /// Merges the staged rows after `checkpoint`, a batch per transaction, each moving the
    /// job's checkpoint; then, when `linksTranslations`, points translations at their
    /// originals (a statement that reads the whole items table, spared when no row translates).
    ///
    /// With `workers` above 1 and more than one batch, a second connection as the same
    /// person merges every other batch from a copy of their staged rows: batches then merge
    /// two at a time, and commit in order (``MergeTurns``).
    private func mergeBatches(
        _ merge: ImportMerge,
        staging: ImportStaging,
        job: Int64,
        tenantID: Int64,
        from checkpoint: Int,
        batchSize: Int,
        workers: Int,
        linksTranslations: Bool,
        counts: inout ImportMerge.Counts,
        on connection: isolated Connection,
        _ progress: @escaping @Sendable (ImportProgress) -> Void,
        _ stop: @escaping @Sendable () -> Bool
    ) throws {
        let total = try connection.query("select count(*) from micic_import_rows")[0].decode(Int.self, at: 0)
        let done = try connection.query("select count(*) from micic_import_rows where line <= \(checkpoint)")[0]
            .decode(Int.self, at: 0)
        let batches = try ImportBatch.plan(after: checkpoint, size: batchSize, on: connection)
        let turns = MergeTurns(checkpoint: checkpoint, done: done, total: total, progress: progress)
        let shares = workers > 1 && batches.count > 1 ? Self.share(batches) : [batches]
        let helper = shares.count > 1 ? MergeHelper.open(like: connection) : nil
        let mine = helper == nil ? batches : shares[0]
        if let helper {
            let spools: [SpoolFile]
            do {
                spools = [try SpoolFile(), try SpoolFile()]
                try staging.copyOut(shares[1], of: batches, to: spools, on: connection)
            } catch {
                helper.close()
                throw error
            }
            let share = shares[1]
            helper.start { helper in
                do {
                    try staging.create(on: helper)
                    try staging.copyIn(from: spools, on: helper)
                    try staging.analyze(on: helper)
                    return try self.mergeShare(
                        share,
                        merge,
                        job: job,
                        tenantID: tenantID,
                        turns: turns,
                        on: helper,
                        stop
                    )
                } catch {
                    let reported = Self.resumable(error, job: job, after: turns.checkpoint)
                    turns.fail(reported)
                    _ = connection.cancelToken.cancel()
                    throw reported
                }
            }
        }
        var merged = ImportMerge.Counts()
        var failure: (any Error)?
        do {
            merged = try mergeShare(mine, merge, job: job, tenantID: tenantID, turns: turns, on: connection, stop)
        } catch {
            turns.fail(error)
            if let helper { _ = helper.connection.cancelToken.cancel() }
            failure = error
        }
        if let helper {
            switch helper.wait() {
            case .success(let theirs): merged.add(theirs)
            case .failure(let error): failure = failure ?? error
            }
        }
        if let failure { throw turns.firstFailure ?? failure }
        counts.add(merged)
        try connection.withTransaction { connection in
            if linksTranslations { try staging.linkTranslations(on: connection) }
            try jobs.finish(job, tenantID: tenantID, on: connection)
        }
    }

    /// `error` as a merge reports it: an interruption or a lost connection says that `job
    /// resume` goes on after line `after`; any other error is left as it is.
    private static func resumable(_ error: any Error, job: Int64, after: Int) -> any Error {
        guard var error = error as? PostgresError else { return error }
        if error.sqlState == .queryCanceled {
            return ImportError("interrupted after line \(after): job resume \(job) continues the import")
        }
        if error.code == .connectionLost {
            error.message += "; once the server is back, job resume \(job) continues the import"
        }
        return error
    }

    /// `batches` dealt to two connections in turn, the first batch to the first.
    private static func share(_ batches: [ImportBatch]) -> [[ImportBatch]] {
        [batches.filter { $0.index % 2 == 0 }, batches.filter { $0.index % 2 == 1 }]
    }

    /// Merges `batches` on `connection`, each in a transaction that commits in its turn.
    private func mergeShare(
        _ batches: [ImportBatch],
        _ merge: ImportMerge,
        job: Int64,
        tenantID: Int64,
        turns: MergeTurns,
        on connection: isolated Connection,
        _ stop: @Sendable () -> Bool
    ) throws -> ImportMerge.Counts {
        var counts = ImportMerge.Counts()
        for batch in batches {
            if stop() {
                throw ImportError("interrupted after line \(turns.checkpoint): job resume \(job) continues the import")
            }
            // Once the other connection failed, no batch is begun.
            if turns.firstFailure != nil { throw MergeTurns.Stopped() }
            do {
                try connection.withTransaction { connection in
                    // A batch's field values pass through several steps of one statement:
                    // keep them in memory rather than in temporary files. Its commit need not
                    // wait for the disk: a batch and its checkpoint are one transaction, so a
                    // server crash loses both or neither, and the finishing commit (which does
                    // wait) makes every batch before it durable.
                    try connection.execute("set local work_mem = '64MB'")
                    try connection.execute("set local synchronous_commit = off")
                    let merged = try merge.merge(after: batch.after, through: batch.through, on: connection)
                    guard merged.missed == 0 else {
                        throw ImportError(
                            "lines \(batch.after + 1) to \(batch.through): \(merged.missed) items changed while they "
                                + "were being imported; job resume \(job) tries again"
                        )
                    }
                    try turns.waitForTurn(of: batch)
                    try jobs.advance(job, tenantID: tenantID, to: batch.through, by: merged, on: connection)
                    counts.add(merged)
                }
            } catch {
                throw Self.resumable(error, job: job, after: turns.checkpoint)
            }
            turns.committed(batch)
        }
        return counts
    }

    /// A dry run's merge: each batch merged as a real import merges it, its deferred checks
    /// run at once, then rolled back (a savepoint, so no batch holds its rows' locks while
    /// the next one runs): what the database itself refuses (its constraints, triggers and
    /// row-level security) is reported too. Only the identity numbers drawn are not given back.
    /// Translations are not linked: that needs the rows the batches would have left.
    private func rehearse(
        _ merge: ImportMerge,
        batchSize: Int,
        on connection: isolated Connection,
        _ progress: @Sendable (ImportProgress) -> Void,
        _ stop: @Sendable () -> Bool
    ) throws -> ImportMerge.Counts {
        struct RollBack: Error {}
        let total = try connection.query("select count(*) from micic_import_rows")[0].decode(Int.self, at: 0)
        var counts = ImportMerge.Counts()
        var done = 0
        for batch in try ImportBatch.plan(after: 0, size: batchSize, on: connection) {
            if stop() { throw ImportError("interrupted after line \(batch.after); nothing was written") }
            do {
                try connection.withTransaction { connection in
                    try connection.execute("set local work_mem = '64MB'")
                    let merged = try merge.merge(after: batch.after, through: batch.through, on: connection)
                    try connection.execute("set constraints all immediate")
                    counts.add(merged)
                    throw RollBack()
                }
            } catch is RollBack {
            } catch let error as PostgresError where error.sqlState == .queryCanceled {
                throw ImportError("interrupted after line \(batch.after); nothing was written")
            }
            done += batch.rows
            progress(ImportProgress(phase: .merging, done: done, total: total))
        }
        return counts
    }
}
