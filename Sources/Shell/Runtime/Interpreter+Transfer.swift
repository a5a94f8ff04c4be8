internal import Foundation
internal import Kernel

extension Interpreter {
    func runTransfer(_ spec: CommandSpec, _ arguments: CommandArguments) async throws -> Records {
        guard let transfer = backend.transfer else { throw CommandError("imports and exports are not available here") }
        switch spec.verb {
        case "export": try await export(arguments, through: transfer)
        case "import": try await importFile(arguments, through: transfer)
        default: throw CommandError.usage("unknown command \(spec.verb)")
        }
        return .none
    }

    /// `job list` and `job resume ID`.
    func runJob(_ spec: CommandSpec, _ arguments: CommandArguments, show: Bool) async throws -> Records {
        guard let transfer = backend.transfer else { throw CommandError("import jobs are not available here") }
        switch spec.verb {
        case "list":
            let jobs = try await transfer.importJobs(
                tenant: arguments.value("tenant") ?? tenant,
                all: arguments.has("all")
            )
            let formatter = ISO8601DateFormatter()
            let table = Table(
                columns: [
                    "id", "tenant", "type", "state", "rows", "checkpoint", "created", "updated", "unchanged",
                    "rejected",
                    "started_by", "started", "file",
                ],
                rows: jobs.map { job in
                    [
                        String(job.id), job.tenant, job.type ?? "(all)",
                        job.state == "finished" ? "finished" : job.isRunning ? "running" : "interrupted",
                        String(job.rows), String(job.checkpoint), String(job.created), String(job.updated),
                        String(job.unchanged), String(job.rejected), job.startedBy,
                        formatter.string(from: job.startedAt),
                        job.file,
                    ]
                }
            )
            if show { try self.show(.table(table), arguments) }
            if jobs.isEmpty && !arguments.has("all") { note("no unfinished import jobs", arguments) }
            return .table(table)
        case "resume":
            guard arguments.positional.count == 1, let id = Int64(arguments.positional[0]) else {
                throw CommandError.usage("job resume needs one job id (job list shows them)")
            }
            let summary = try await withImportProgress { progress, stop in
                try await transfer.resumeImport(job: id, progress: progress, stop: stop)
            }
            try report(summary, arguments)
            return .none
        default:
            throw CommandError.usage("unknown command \(spec.name)")
        }
    }

    /// `import TYPE FILE` or `import tenant CODE FILE`.
    private func importFile(_ arguments: CommandArguments, through transfer: any BulkTransfer) async throws {
        let (tenant, type) = try scope(arguments, verb: "import")
        let position = type == nil ? 2 : 1
        guard arguments.positional.count == position + 1 else {
            throw CommandError.usage("import needs a file: import TYPE FILE, or import tenant CODE FILE")
        }
        let file = absolutePath(arguments.positional[position])
        guard let format = try transferFormat(arguments, file: file) else {
            throw CommandError.usage("cannot tell the format of \(file): name it .csv or .ndjson, or add --format")
        }
        var request = ImportRequest(tenant: tenant, type: type?.name, format: format)
        request.key = arguments.value("key") ?? "slug"
        request.dryRun = arguments.has("dry-run")
        request.message = arguments.value("message")
        request.language = arguments.value("language")
        if let text = arguments.value("on-error") {
            guard let onError = ImportRequest.OnError(rawValue: text) else {
                throw CommandError.usage("--on-error must be stop or skip")
            }
            request.onError = onError
        }
        var batchSize: Int?
        if let text = arguments.value("batch-size") {
            guard let size = Int(text), size > 0 else {
                throw CommandError.usage("--batch-size needs a positive number")
            }
            batchSize = size
        }
        if let map = arguments.value("map") { request.columnMap = try columnMap(absolutePath(map)) }
        let rejections = arguments.value("report").map(absolutePath)
        let summary = try await withImportProgress { progress, stop in
            try await transfer.importItems(
                request,
                file: file,
                report: rejections,
                batchSize: batchSize,
                progress: progress,
                stop: stop
            )
        }
        try report(summary, arguments)
    }

    /// Runs an import with progress lines for reading and merging, stopped by Ctrl-C.
    private func withImportProgress(
        _ body: (
            @escaping @Sendable (ImportProgress) -> Void,
            @escaping @Sendable () -> Bool
        ) async throws -> ImportSummary
    ) async throws -> ImportSummary {
        let reading = Progress("reading", total: nil, write: console.progress)
        let merging = Progress("merging", total: nil, write: console.progress)
        let interruption = interruption
        defer {
            reading.finish()
            merging.finish()
        }
        return try await body(
            { step in
                switch step.phase {
                case .reading: reading.update(step.done, total: step.total)
                case .merging:
                    reading.finish()
                    merging.update(step.done, total: step.total)
                }
            },
            { interruption.isRaised }
        )
    }

    /// The summary on standard error; rejected rows make a partial failure.
    private func report(_ summary: ImportSummary, _ arguments: CommandArguments) throws {
        var text = summary.dryRun ? "dry run, nothing was written: " : ""
        if summary.dryRun {
            text += "would create \(summary.created), update \(summary.updated); \(summary.unchanged) unchanged"
        } else if summary.created + summary.updated == 0 {
            text += "nothing changed: \(summary.unchanged) rows match the items already there"
        } else {
            text += "\(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged"
        }
        text += ", \(summary.rejected) rejected (\(summary.rows) rows"
        text += summary.job.map { "; job \($0))" } ?? ")"
        note(text, arguments)
        if summary.rowsWithoutLanguage > 0, let language = summary.language {
            let rows = summary.rowsWithoutLanguage == 1 ? "1 row named" : "\(summary.rowsWithoutLanguage) rows named"
            let source =
                arguments.value("language") == nil ? "the tenant's default language; --language chooses" : "--language"
            note(
                "\(rows) no language and \(summary.dryRun ? "would be" : "were") read as \(language) (\(source))",
                arguments
            )
        }
        for problem in summary.problems { console.diagnostic("  \(problem)") }
        if summary.rejected > summary.problems.count {
            console.diagnostic("  ... and \(summary.rejected - summary.problems.count) more")
        }
        if summary.rejected > 0 {
            throw CommandError("\(summary.rejected) rows were rejected", partial: true)
        }
    }

    /// A `--map` file: one `column = field` a line; blank lines and `#` comments skipped.
    private func columnMap(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read \(path)") }
        var map: [String: String] = [:]
        for (index, line) in String(decoding: data, as: UTF8.self).split(
            separator: "\n",
            omittingEmptySubsequences: false
        ).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CommandError("\(path):\(index + 1): write 'column = field'")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }

    /// `export TYPE` or `export tenant CODE`.
    private func export(_ arguments: CommandArguments, through transfer: any BulkTransfer) async throws {
        let (tenant, type) = try scope(arguments, verb: "export")
        let extra = arguments.positional.dropFirst(type == nil ? 2 : 1)
        if let word = extra.first {
            throw CommandError.usage(
                "export takes TYPE or tenant CODE, not also '\(word)' (write to a file with --to FILE)"
            )
        }
        let file = arguments.value("to").map(absolutePath)
        let format = try transferFormat(arguments, file: file) ?? .ndjson
        var request = ExportRequest(tenant: tenant, type: type?.name, format: format)
        request.revisions = arguments.has("revisions")
        request.language = arguments.value("language")
        if arguments.has("fallback") {
            guard let language = request.language else {
                throw CommandError.usage("--fallback needs --language (the language wanted first)")
            }
            let fallback = try await backend.store.tenant(tenant).defaultLanguage
            request.fallbackLanguages = LanguageTag.fallbacks(for: language, then: fallback)
        }
        request.statuses = arguments.values["status"].map { $0.flatMap(ValueParser.splitList) } ?? []
        if request.revisions && format == .csv {
            throw CommandError.usage("--revisions needs NDJSON: a CSV row holds one version")
        }
        let output = try file.map { try OutputFile(path: $0) }
        let console = console
        let progress = Progress("exporting", total: nil, write: console.progress)
        let count: Int
        do {
            count = try await transfer.export(
                request,
                progress: { done, total in progress.update(done, total: total) },
                write: { bytes in
                    if let output {
                        try output.write(bytes)
                    } else {
                        console.data(String(decoding: bytes, as: UTF8.self))
                    }
                }
            )
            progress.finish()
            try output?.finish()
        } catch {
            progress.finish()
            output?.discard()
            throw error
        }
        let what = count == 1 ? (type?.name ?? "item") : (type?.plural ?? "items")
        note("exported \(count) \(what) of tenant \(tenant)" + (file.map { " to \($0)" } ?? ""), arguments)
    }

    /// The tenant and type named by `TYPE` (in the current tenant) or `tenant CODE`.
    private func scope(_ arguments: CommandArguments, verb: String) throws -> (tenant: String, type: ContentType?) {
        let words = arguments.positional
        if words.first == "tenant" {
            guard words.count >= 2 else { throw CommandError.usage("\(verb) tenant needs a tenant code") }
            return (CommandArguments.code(words[1]), nil)
        }
        guard let name = words.first else {
            throw CommandError.usage("\(verb) needs a content type or tenant CODE: help \(verb)")
        }
        guard let type = catalog.registry.contentType(name) else {
            let names = catalog.registry.contentTypes.map(\.name)
            let message = "there is no content type '\(name)'" + NameSuggestions.hint(name, among: names)
            throw CommandError.usage(message + "; \(verb) takes " + names.joined(separator: ", ") + " or tenant CODE")
        }
        return (try currentTenant(arguments), type)
    }

    /// The format `--format` names, or the file's extension says.
    private func transferFormat(_ arguments: CommandArguments, file: String?) throws -> TransferFormat? {
        if let name = arguments.value("format") {
            guard let format = TransferFormat(rawValue: name == "jsonl" ? "ndjson" : name) else {
                throw CommandError.usage(
                    "--format must be " + TransferFormat.allCases.map(\.rawValue).joined(separator: " or ")
                )
            }
            return format
        }
        return file.flatMap { TransferFormat(fileName: $0) }
    }

    /// `path` made absolute against the working directory.
    func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
