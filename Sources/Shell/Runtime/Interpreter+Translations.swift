internal import Foundation
internal import Kernel

extension Interpreter {
    func runTranslation(_ spec: CommandSpec, _ arguments: CommandArguments, show: Bool) async throws -> Records {
        guard let desk = backend.translations else {
            throw CommandError("translation jobs are not available here")
        }
        let tenant = try currentTenant(arguments)
        let user = backend.user
        switch spec.verb {
        case "request":
            guard let languages = arguments.value("to").map(ValueParser.splitList), !languages.isEmpty else {
                throw CommandError.usage("translation request needs --to LANGS (the target languages)")
            }
            var due: CalendarDate?
            if let text = arguments.value("due") {
                guard let date = CalendarDate(text) else {
                    throw CommandError.usage("--due takes a date written YYYY-MM-DD")
                }
                due = date
            }
            // `translation request practice 42 43` names the items' type, and checks it.
            var sources = arguments
            var type: ContentType?
            if let first = sources.positional.first, Int64(first) == nil {
                type = catalog.registry.contentType(first)
                if type != nil { sources.positional.removeFirst() }
            }
            let ids = try idsArgument(sources, spec: spec)
            if let type {
                for id in ids { _ = try await item(id, of: type, tenant: tenant) }
            }
            var jobs: [TranslationJob] = []
            for id in ids {
                let request = TranslationRequest(
                    sourceID: id,
                    languages: languages,
                    translator: arguments.value("translator"),
                    reviewer: arguments.value("reviewer"),
                    due: due
                )
                jobs += try await desk.request(request, tenant: tenant, author: user)
            }
            note("requested \(jobs.count) translation\(jobs.count == 1 ? "" : "s")", arguments)
            return try shown(jobs, arguments, show: show && arguments.value("format") != nil)
        case "list", "inbox":
            var query = try jobQuery(arguments)
            if spec.verb == "inbox" { query.waitingFor = user }
            let jobs = try await desk.jobs(query, tenant: tenant)
            if spec.verb == "inbox" && jobs.isEmpty {
                note("nothing waits for you in \(tenant)", arguments)
                return try shown(jobs, arguments, show: show && arguments.value("format") != nil)
            }
            return try shown(jobs, arguments, show: show)
        case "outdated":
            let fields = try await desk.outdated(try jobQuery(arguments), tenant: tenant)
            let table = Table(
                columns: ["id", "field", "change", "before", "after"],
                rows: fields.map { field in
                    let before = field.before.map(\.lineText) ?? ""
                    let after = field.after.map(\.lineText) ?? ""
                    return [String(field.jobID), field.field, WordDiff.between(before, after), before, after]
                }
            )
            if fields.isEmpty { note("no translation is outdated", arguments) }
            if show {
                try self.show(
                    .table(table),
                    arguments,
                    fields: arguments.value("fields").map(ValueParser.splitList) ?? ["id", "field", "change"]
                )
            }
            return .table(table)
        case "export":
            var query = try jobQuery(arguments)
            query.ids = try arguments.positional.isEmpty ? [] : idsArgument(arguments, spec: spec)
            let (format, path) = try exportTarget(arguments)
            let packets = try await desk.packets(query, tenant: tenant)
            let data = try format.encode(packets)
            if let path {
                try data.write(to: URL(fileURLWithPath: path))
                let units = packets.reduce(0) { $0 + $1.units.count }
                note(
                    "wrote \(packets.count) job\(packets.count == 1 ? "" : "s") (\(units) units) to \(path)",
                    arguments
                )
            } else {
                console.data(String(decoding: data, as: UTF8.self))
            }
            return .table(Table(columns: ["id"], rows: packets.map { [String($0.jobID)] }))
        case "import":
            guard arguments.positional.count == 1 else { throw CommandError.usage("translation import needs one FILE") }
            let path = arguments.positional[0]
            let formats = catalog.registry.translationFormats
            let fileExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
            guard let format = formats.first(where: { $0.fileExtensions.contains(fileExtension) }) ?? formats.first
            else {
                throw CommandError("no translation file format is available")
            }
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw CommandError("cannot read \(path): \(error.localizedDescription)")
            }
            let packets = try format.decode(data)
            let outcomes = try await desk.apply(packets, tenant: tenant, author: user, force: arguments.has("force"))
            let jobs = outcomes.compactMap { if case .done(let job) = $0 { job } else { nil } }
            note("imported \(jobs.count) job\(jobs.count == 1 ? "" : "s") from \(path)", arguments)
            return try shown(jobs, arguments, show: show && arguments.value("format") != nil)
        default:
            let jobIDs = try idsArgument(arguments, spec: spec)
            if jobIDs.count > 20 { try confirm("\(spec.verb) \(jobIDs.count) translation jobs", arguments) }
            let outcomes = try await desk.transition(
                jobs: jobIDs,
                name: spec.verb,
                comment: arguments.value("comment"),
                expectedVersions: [:],
                tenant: tenant,
                author: user
            )
            var done: [TranslationJob] = []
            var failures: [String] = []
            for outcome in outcomes {
                switch outcome {
                case .done(let job): done.append(job)
                case .failed(let id, let reason): failures.append("\(id): \(reason)")
                }
            }
            if jobIDs.count == 1, let job = done.first {
                note("translation job \(job.id) is now \(job.status)", arguments)
            } else if jobIDs.count > 1 {
                note("\(spec.verb): \(done.count) done, \(failures.count) failed", arguments)
            }
            if jobIDs.count == 1, let failure = failures.first {
                throw CommandError(String(failure.drop { $0 != " " }.dropFirst()))
            }
            for failure in failures { console.diagnostic("  failed \(failure)") }
            let records = try shown(done, arguments, show: show && arguments.value("format") != nil)
            if !failures.isEmpty {
                throw CommandError("\(failures.count) of \(jobIDs.count) failed", partial: !done.isEmpty)
            }
            return records
        }
    }

    /// The jobs as a table (whose `id` column pipes on), shown when `show`.
    private func shown(_ jobs: [TranslationJob], _ arguments: CommandArguments, show: Bool) throws -> Records {
        let today = CalendarDate.today
        let table = Table(
            columns: [
                "id", "status", "language", "type", "source", "target", "title", "translator", "reviewer", "due",
                "outdated",
            ],
            rows: jobs.map { job in
                [
                    String(job.id), job.status, job.language, job.type, String(job.sourceID), String(job.targetID),
                    job.sourceTitle,
                    job.translator ?? "", job.reviewer ?? "",
                    job.due.map { $0.description + (job.isOverdue(on: today) ? " (overdue)" : "") } ?? "",
                    job.outdatedFields.joined(separator: ","),
                ]
            }
        )
        if show { try self.show(.table(table), arguments) }
        return .table(table)
    }

    private func jobQuery(_ arguments: CommandArguments) throws -> TranslationJobQuery {
        var query = TranslationJobQuery(language: arguments.value("language"))
        query.statuses = arguments.values["status"].map { $0.flatMap(ValueParser.splitList) } ?? []
        for status in query.statuses where !Workflow.translation.states.contains(status) {
            throw CommandError.usage(
                "--status \(status): the states are " + Workflow.translation.states.joined(separator: ", ")
            )
        }
        if let source = arguments.value("source") {
            guard let id = Int64(source) else { throw CommandError.usage("--source needs an item id") }
            query.sourceID = id
        }
        return query
    }

    /// The format and file an export writes: `--xliff FILE` (or standard output).
    private func exportTarget(_ arguments: CommandArguments) throws -> (any TranslationFileFormat, String?) {
        let formats = catalog.registry.translationFormats
        for format in formats {
            if let path = arguments.value(format.name) { return (format, path) }
        }
        guard let format = formats.first else { throw CommandError("no translation file format is available") }
        return (format, nil)
    }
}
