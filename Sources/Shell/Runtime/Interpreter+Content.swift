internal import Foundation
internal import Kernel

extension Interpreter {

    func currentTenant(_ arguments: CommandArguments) throws -> String {
        if let code = arguments.value("tenant") ?? tenant { return code }
        throw CommandError("no tenant chosen: run use TENANT first (tenants lists them), or add --tenant CODE")
    }

    func runContent(
        _ spec: CommandSpec,
        type: ContentType,
        tenant: String,
        _ arguments: CommandArguments,
        show: Bool
    )
        async throws -> Records
    {
        let store = backend.store
        switch spec.verb {
        case "list":
            var query = try listQuery(type: type, arguments)
            if arguments.has("fallback") {
                guard let language = query.language else {
                    throw CommandError.usage("--fallback needs --language (the language wanted first)")
                }
                let fallback = try await store.tenant(tenant).defaultLanguage
                query.fallbackLanguages = LanguageTag.fallbacks(for: language, then: fallback)
            }
            if show, try format(arguments) == .count {
                // A count is the number of matches, counted by the database, not a page read.
                try emit("\(try await store.count(query, tenant: tenant))\n", format: .count, arguments)
                return .none
            }
            var items: [Item] = []
            let progress = Progress("reading \(type.plural)", total: nil, write: console.progress)
            defer { progress.finish() }
            while true {
                let page = try await store.list(query, tenant: tenant)
                items += page.items
                progress.update(items.count)
                if interruption.isRaised { throw CommandError("interrupted after \(items.count) \(type.plural)") }
                guard let next = page.next else { break }
                guard arguments.has("all") else {
                    note("(more \(type.plural) follow: add --all, or a higher --limit)", arguments)
                    break
                }
                query.after = next
            }
            if show { try self.show(.items(items), arguments) }
            return .items(items)
        case "show":
            if arguments.positional.count > 1 {
                var items: [Item] = []
                for id in try idsArgument(arguments, spec: spec) {
                    items.append(try await item(id, of: type, tenant: tenant))
                }
                if show { try self.show(.items(items), arguments) }
                return .items(items)
            }
            let item = try await find(one: arguments, type: type, tenant: tenant)
            if show { try self.show(.items([item]), arguments, detail: item) }
            return .items([item])
        case "create":
            let draft = ItemDraft(
                type: type.name,
                title: arguments.value("title") ?? "",
                language: arguments.value("language"),
                slug: arguments.value("slug"),
                fields: try fieldValues(type: type, arguments)
            )
            let item = try await store.create(
                draft,
                tenant: tenant,
                author: backend.user,
                message: arguments.value("message")
            )
            note("created \(type.name) \(item.id) (\(item.slug))", arguments)
            if show { try self.show(.items([item]), arguments) }
            return .items([item])
        case "update":
            let selection = try await select(type: type, tenant: tenant, spec: spec, arguments)
            let fields = try fieldValues(type: type, arguments)
            let clear = arguments.values["clear"].map { $0.flatMap(ValueParser.splitList) } ?? []
            for name in clear where type.field(name) == nil {
                throw CommandError.usage("--clear \(name): \(type.name) has no field \(name)")
            }
            var changes = ItemChanges(
                title: arguments.value("title"),
                slug: arguments.value("slug"),
                set: fields,
                remove: clear
            )
            changes.author = arguments.value("reassign")
            let edits = try listEdits(type: type, arguments)
            let version = try arguments.value("version").map { text -> Int in
                guard let number = Int(text) else { throw CommandError.usage("--version needs a number") }
                return number
            }
            if selection.fromFilter && selection.ids.count > 20 {
                try confirm("update \(selection.ids.count) \(type.plural)", arguments)
            }
            let result = try await each(selection, of: type, in: tenant, verb: "update", arguments) { item in
                var itemChanges = changes
                edits.apply(to: item, into: &itemChanges)
                switch itemChanges.redundancy(on: item, of: type, acrossTranslations: selection.fromFilter) {
                case .nothing:
                    if let version, version != item.version {
                        throw ContentError.conflict(id: item.id, expected: version, actual: item.version)
                    }
                    return .skipped(ItemChanges.Redundancy.nothing.reason)
                case let redundancy?:
                    return .skipped(redundancy.reason)
                case nil:
                    break
                }
                return .done(
                    try await store.update(
                        id: item.id,
                        tenant: tenant,
                        expectedVersion: version ?? item.version,
                        changes: itemChanges,
                        author: self.backend.user,
                        message: arguments.value("message")
                    )
                )
            }
            if arguments.has("dry-run") { return result.changeTable }
            if show { try self.show(.items(result.items), arguments) }
            return .items(result.items)
        case "delete", "restore", "purge":
            let selection = try await select(type: type, tenant: tenant, spec: spec, arguments)
            let ids = selection.ids
            if spec.destructive {
                try confirm("\(spec.verb) \(ids.count) \(ids.count == 1 ? type.name : type.plural)", arguments)
            }
            let result = try await each(selection, of: type, in: tenant, verb: spec.verb, arguments) { item in
                let id = item.id
                switch spec.verb {
                case "delete":
                    if item.deletedAt != nil { return .skipped("already in the trash") }
                    return .done(try await store.delete(id: id, tenant: tenant, author: self.backend.user))
                case "restore":
                    if item.deletedAt == nil { return .skipped("not in the trash") }
                    return .done(try await store.restore(id: id, tenant: tenant, author: self.backend.user))
                default:
                    try await store.purge(id: id, tenant: tenant, author: self.backend.user)
                    return .purged
                }
            }
            if arguments.has("dry-run") { return result.changeTable }
            if show && arguments.value("format") != nil { try self.show(.items(result.items), arguments) }
            return .items(result.items)
        case "history":
            let item = try await find(one: arguments, type: type, tenant: tenant)
            let revisions = try await store.history(id: item.id, tenant: tenant)
            // Editorial transitions save a revision (with their comment); a translation job's
            // steps do not, so its thread joins the history from the workflow events.
            let jobSteps = try await store.events(id: item.id, tenant: tenant).filter {
                $0.transition.hasPrefix("translation-")
            }
            let formatter = ISO8601DateFormatter()
            let rows =
                revisions.map { ($0.createdAt, [String($0.version), $0.author, $0.status, $0.title, $0.message]) }
                + jobSteps.map { step in
                    let name = step.transition.replacing("translation-", with: "translation ")
                    return (
                        step.at, ["", step.actor, "job: \(step.to)", "", step.comment.map { "\(name): \($0)" } ?? name]
                    )
                }
            let table = Table(
                columns: ["version", "date", "author", "status", "title", "message"],
                rows: rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map { entry in
                    let (date, cells) = entry.element
                    return [cells[0], formatter.string(from: date)] + cells.dropFirst().map { $0 }
                }
            )
            if show { try self.show(.table(table), arguments) }
            return .table(table)
        case "diff":
            let item = try await find(one: arguments, type: type, tenant: tenant)
            let revisions = try await store.history(id: item.id, tenant: tenant)
            let to = try number(arguments, "to") ?? revisions.last?.version ?? 1
            let from = try number(arguments, "from") ?? max(1, to - 1)
            guard let old = revisions.first(where: { $0.version == from }),
                let new = revisions.first(where: { $0.version == to })
            else {
                throw CommandError(
                    "item \(item.id) has versions 1 to \(revisions.count); choose --from and --to among them"
                )
            }
            let table = Table(
                columns: ["field", "version \(from)", "version \(to)"],
                rows: FieldChange.between(old, new).map {
                    [$0.field, $0.before.map(\.lineText), $0.after.map(\.lineText)]
                }
            )
            if show { try self.show(.table(table), arguments) }
            return .table(table)
        case "revert":
            let item = try await find(one: arguments, type: type, tenant: tenant)
            guard let version = try number(arguments, "to") else {
                throw CommandError.usage("revert needs --to VERSION")
            }
            let reverted = try await store.revert(
                id: item.id,
                tenant: tenant,
                to: version,
                expectedVersion: item.version,
                author: backend.user
            )
            note(
                "\(type.name) \(item.id) is now version \(reverted.version), with the content of version \(version)",
                arguments
            )
            return .items([reverted])
        default:
            guard let transition = type.workflow.transition(spec.verb) else {
                throw CommandError.usage("\(type.name) has no verb \(spec.verb)")
            }
            let at = try arguments.value("at").map { text in
                guard let date = ISO8601DateFormatter().date(from: text) else {
                    throw CommandError.usage("--at takes an ISO 8601 time with its zone, such as 2026-12-01T09:00:00Z")
                }
                return date
            }
            let selection = try await select(type: type, tenant: tenant, spec: spec, arguments)
            if selection.ids.count > 20 { try confirm("\(spec.verb) \(selection.ids.count) \(type.plural)", arguments) }
            let result = try await each(selection, of: type, in: tenant, verb: spec.verb, arguments) { item in
                if item.status == transition.to { return .skipped("already \(item.status)") }
                return .done(
                    try await store.transition(
                        id: item.id,
                        tenant: tenant,
                        name: spec.verb,
                        expectedVersion: item.version,
                        author: self.backend.user,
                        comment: arguments.value("comment"),
                        at: at
                    )
                )
            }
            if arguments.has("dry-run") { return result.changeTable }
            if selection.ids.count == 1, let item = result.items.first {
                note("\(type.name) \(item.id) is now \(item.status)\(Renderer.schedule(item))", arguments)
            }
            if show && arguments.value("format") != nil { try self.show(.items(result.items), arguments) }
            return .items(result.items)
        }
    }

    func confirm(_ action: String, _ arguments: CommandArguments) throws {
        guard !arguments.has("yes") && !arguments.has("dry-run") else { return }
        guard let ask = console.confirm else {
            throw CommandError("refusing to \(action) without confirmation: there is no terminal to ask on; add --yes")
        }
        guard ask("\(action.prefix(1).uppercased() + action.dropFirst())?") else { throw CommandError("cancelled") }
    }

    func idsArgument(_ arguments: CommandArguments, spec: CommandSpec) throws -> [Int64] {
        guard !arguments.positional.isEmpty else {
            throw CommandError.usage("\(spec.name) needs ids (\(spec.arguments)), given or piped: help \(spec.name)")
        }
        return try arguments.positional.flatMap(ValueParser.splitList).map { text in
            guard let id = Int64(text) else { throw CommandError.usage("'\(text)' is not an id") }
            return id
        }
    }

    private func number(_ arguments: CommandArguments, _ name: String) throws -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let number = Int(text) else { throw CommandError.usage("--\(name) needs a whole number") }
        return number
    }

    /// The item named by the one positional argument: an id, or a slug.
    private func find(one arguments: CommandArguments, type: ContentType, tenant: String) async throws -> Item {
        guard arguments.positional.count == 1, let key = arguments.positional.first else {
            throw CommandError.usage("\(type.name) needs one id or slug")
        }
        let store = backend.store
        if let id = Int64(key) { return try await item(id, of: type, tenant: tenant) }
        var language = arguments.value("language") ?? ""
        if language.isEmpty { language = try await store.tenant(tenant).defaultLanguage }
        return try await store.item(slug: key, type: type.name, language: language, tenant: tenant)
    }

    /// The item with `id`, which must be of `type`.
    func item(_ id: Int64, of type: ContentType, tenant: String) async throws -> Item {
        let item = try await backend.store.item(id: id, tenant: tenant)
        guard item.type == type.name else { throw CommandError("item \(id) is a \(item.type), not a \(type.name)") }
        return item
    }

    /// Field values from the flags named after fields.
    private func fieldValues(type: ContentType, _ arguments: CommandArguments) throws -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        for field in type.fields {
            let flag = field.name.replacing("_", with: "-")
            guard let text = arguments.value(flag) else { continue }
            values[field.name] = try ValueParser.parse(text, as: field.kind, field: flag)
        }
        return values
    }

    func listQuery(type: ContentType, _ arguments: CommandArguments) throws -> ItemQuery {
        var query = ItemQuery(type: type.name, language: arguments.value("language"))
        query.statuses = arguments.values["status"].map { $0.flatMap(ValueParser.splitList) } ?? []
        for status in query.statuses where !type.workflow.states.contains(status) {
            throw CommandError.usage(
                "--status \(status): the states are " + type.workflow.states.joined(separator: ", ")
            )
        }
        query.trashed = arguments.has("trash")
        query.publicOnly = arguments.has("public")
        query.authors = arguments.values["author"].map { $0.flatMap(ValueParser.splitList) } ?? []
        if let limit = try number(arguments, "limit") {
            guard (1...1000).contains(limit) else { throw CommandError.usage("--limit must be from 1 to 1000") }
            query.limit = limit
        }
        if let sort = arguments.value("sort") {
            guard let order = ItemSort(rawValue: sort) else {
                throw CommandError.usage(
                    "--sort must be one of " + ItemSort.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            query.sort = order
        }
        for field in type.fields where !field.isPrivate {
            switch field.kind {
            case .date, .dateTime:
                let from = arguments.value("\(field.filterName)-after")
                let to = arguments.value("\(field.filterName)-before")
                for (flag, bound) in [("after", from), ("before", to)] {
                    if let bound, CalendarDate(bound) == nil {
                        throw CommandError.usage(
                            "--\(field.filterName)-\(flag) takes a date written YYYY-MM-DD, not '\(bound)'"
                        )
                    }
                }
                if from != nil || to != nil { query.filters.append(.between(field.name, from: from, to: to)) }
            default:
                guard let texts = arguments.values[field.filterName] else { continue }
                let values = try filterValues(texts, for: field)
                if case .list = field.kind {
                    query.filters.append(.contains(field.name, values))
                } else {
                    query.filters.append(.oneOf(field.name, values))
                }
            }
        }
        return query
    }

    /// The values given to a field's filter flag (each may list several), read and checked
    /// as the field's kind (a list field's elements).
    func filterValues(_ texts: [String], for field: FieldSpec) throws -> [FieldValue] {
        let element = field.kind.element
        let values = try texts.flatMap(ValueParser.splitList).map {
            try ValueParser.parse($0, as: element, field: field.filterName)
        }
        for value in values {
            let issues = FieldValidator().check(value, as: element, field: field.filterName)
            if let issue = issues.first { throw CommandError.usage("--\(issue.field): \(issue.message)") }
        }
        return values
    }
}
