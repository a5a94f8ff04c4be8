internal import Foundation
internal import Kernel

/// Verbs over many items: chosen by ids (given, piped or from `$variables`) or by
/// `--where FIELD=VALUE` and `--older-than AGE`; each item checked on its own (permission,
/// version, state); a summary of what was done, skipped and failed.
extension Interpreter {
    /// The items a verb works on.
    struct Selection {
        /// Their ids, in order.
        var ids: [Int64]
        /// The items as the filter read them (their versions are the ones changes are made to).
        var items: [Int64: Item]
        /// Whether `--where` or `--older-than` chose them.
        var fromFilter: Bool

        /// Whether the verb reports item by item (rather than failing with the one item's error).
        var isBulk: Bool { fromFilter || ids.count > 1 }
    }

    /// What one item came to.
    enum ItemOutcome {
        case done(Item)
        case skipped(String)
        /// Removed for good (a purge): nothing is left to show.
        case purged
    }

    /// What a verb did to its items.
    struct BulkResult {
        /// The items as they are now.
        var items: [Item]
        /// Each change made: id, slug, what changed, before, after.
        var changes: [[String?]]

        /// The changes as records (what `--dry-run` shows).
        var changeTable: Records {
            .table(Table(columns: ["id", "slug", "change", "before", "after"], rows: changes))
        }
    }

    /// The items named by ids, or chosen by `--where` and `--older-than`.
    func select(
        type: ContentType,
        tenant: String,
        spec: CommandSpec,
        _ arguments: CommandArguments
    ) async throws -> Selection {
        let conditions = arguments.values["where"] ?? []
        let age = arguments.value("older-than")
        guard !conditions.isEmpty || age != nil else {
            let ids = try idsArgument(arguments, spec: spec)
            return Selection(ids: ids, items: [:], fromFilter: false)
        }
        guard arguments.positional.isEmpty else {
            throw CommandError.usage("\(spec.name) takes ids or --where/--older-than, not both")
        }
        var query = try filterQuery(
            type: type,
            conditions: conditions,
            trashed: ["restore", "purge"].contains(spec.verb)
        )
        if let age { query.updatedBefore = Date().addingTimeInterval(-(try Self.seconds(age))) }
        var items: [Item] = []
        while true {
            let page = try await backend.store.list(query, tenant: tenant)
            items += page.items
            if interruption.isRaised { throw CommandError("interrupted while choosing \(type.plural)") }
            guard let next = page.next else { break }
            query.after = next
        }
        if items.isEmpty { note("\(spec.name): no \(type.plural) match", arguments) }
        return Selection(
            ids: items.map(\.id),
            items: Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) }),
            fromFilter: true
        )
    }

    /// The list query for `--where` conditions: each `NAME=VALUE[,VALUE...]` is the list
    /// filter of that name (`status`, `language`, `author`, or a field by name or filter).
    private func filterQuery(type: ContentType, conditions: [String], trashed: Bool) throws -> ItemQuery {
        guard let list = catalog.command(noun: type.name, verb: "list") else {
            throw CommandError("no list for \(type.name)")
        }
        var filters = try CommandArguments([], spec: list, globals: FlagSpec.global)
        for condition in conditions {
            guard let equals = condition.firstIndex(of: "="), equals != condition.startIndex else {
                throw CommandError.usage("--where takes FIELD=VALUE (status=draft, country=MX), not '\(condition)'")
            }
            var name = String(condition[..<equals])
            let value = String(condition[condition.index(after: equals)...])
            if let field = type.field(name) ?? type.field(filter: name) { name = field.filterName }
            guard list.flags.contains(where: { $0.name == name && $0.takesValue }), !["limit", "sort"].contains(name)
            else {
                throw CommandError.usage(
                    "--where \(name): \(type.name) has no field or filter \(name) (help \(type.name) list)"
                )
            }
            filters.values[name, default: []].append(value)
        }
        if trashed { filters.switches.insert("trash") }
        var query = try listQuery(type: type, filters)
        query.sort = .idAscending
        query.limit = 1000
        return query
    }

    /// `365d`, `12h`, `2w`, `30m` as seconds (a bare number is days).
    static func seconds(_ age: String) throws -> TimeInterval {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]
        let unit = age.last.flatMap { units[$0] } ?? (age.last?.isNumber == true ? 86_400 : nil)
        let number = age.last?.isNumber == true ? age : String(age.dropLast())
        guard let unit, let count = Double(number), count >= 0 else {
            throw CommandError.usage("--older-than takes an age such as 365d, 12h or 2w, not '\(age)'")
        }
        return count * unit
    }

    /// Runs `body` for each item, reporting each failure and going on (a single item's
    /// error is the command's); then a summary of what was done, skipped and failed. Any
    /// failure beside a success or a skip is a partial failure.
    func each(
        _ selection: Selection,
        of type: ContentType,
        in tenant: String,
        verb: String,
        _ arguments: CommandArguments,
        _ body: (Item) async throws -> ItemOutcome
    ) async throws -> BulkResult {
        var result = BulkResult(items: [], changes: [])
        var done: [Int64] = []
        var skipped: [String] = []
        var failures: [String] = []
        let ids = selection.ids
        let progress = Progress(verb, total: ids.count, write: console.progress)
        defer { progress.finish() }
        for (index, id) in ids.enumerated() {
            progress.update(index)
            if interruption.isRaised {
                throw CommandError("\(verb) interrupted after \(done.count) of \(ids.count); the rest were not touched")
            }
            do {
                let item: Item
                if let selected = selection.items[id] {
                    item = selected
                } else {
                    item = try await backend.store.item(id: id, tenant: tenant)
                }
                guard item.type == type.name else {
                    throw CommandError("item \(id) is a \(item.type), not a \(type.name)")
                }
                switch try await body(item) {
                case .done(let changed):
                    done.append(id)
                    result.items.append(changed)
                    result.changes += Self.changes(from: item, to: changed)
                case .purged:
                    done.append(id)
                    result.items.append(item)
                    result.changes.append([String(id), item.slug, "purge", item.title, nil])
                case .skipped(let reason):
                    skipped.append("\(id): \(reason)")
                }
            } catch {
                let reason = (error as? ContentError)?.message ?? (error as? ValidationError)?.description ?? "\(error)"
                failures.append("\(id): \(reason)")
                if !selection.isBulk { throw error }
            }
        }
        if selection.isBulk {
            note("\(verb): \(done.count) done, \(failures.count) failed, \(skipped.count) skipped", arguments)
            if !done.isEmpty { note("  done: " + done.map(String.init).joined(separator: ", "), arguments) }
        }
        for skip in skipped { note("  skipped \(skip)", arguments) }
        for failure in failures { console.diagnostic("  failed \(failure)") }
        if !failures.isEmpty {
            throw CommandError("\(failures.count) of \(ids.count) failed", partial: !done.isEmpty || !skipped.isEmpty)
        }
        return result
    }

    /// The changes from `before` to `after`, one row per field (and the trash).
    private static func changes(from before: Item, to after: Item) -> [[String?]] {
        var rows = FieldChange.between(Revision(of: before, message: nil), Revision(of: after, message: nil)).map {
            [String(after.id), after.slug, $0.field, $0.before.map(\.lineText), $0.after.map(\.lineText)]
        }
        if before.author != after.author, after.status == before.status {
            rows.append([String(after.id), after.slug, "author", before.author, after.author])
        }
        if (before.deletedAt == nil) != (after.deletedAt == nil) {
            rows.append([
                String(after.id), after.slug, "trash", before.deletedAt == nil ? nil : "trashed",
                after.deletedAt == nil ? nil : "trashed",
            ])
        }
        return rows
    }

    /// `--add FIELD=VALUE,...` and `--remove FIELD=VALUE,...`: values added to (or taken
    /// from) list fields, item by item.
    struct ListEdits {
        var additions: [(field: String, values: [FieldValue])] = []
        var removals: [(field: String, values: [FieldValue])] = []

        /// Sets the lists `item` ends up with in `changes`.
        func apply(to item: Item, into changes: inout ItemChanges) {
            func current(_ field: String) -> [FieldValue] {
                (changes.set[field] ?? item.fields[field])?.listValue ?? []
            }
            for (field, values) in additions {
                var list = current(field)
                for value in values where !list.contains(value) { list.append(value) }
                changes.set[field] = .list(list)
            }
            for (field, values) in removals {
                let list = current(field).filter { !values.contains($0) }
                if list.isEmpty {
                    changes.set[field] = nil
                    if item.fields[field] != nil { changes.remove.append(field) }
                } else {
                    changes.set[field] = .list(list)
                }
            }
        }
    }

    func listEdits(type: ContentType, _ arguments: CommandArguments) throws -> ListEdits {
        var edits = ListEdits()
        for flag in ["add", "remove"] {
            for text in arguments.values[flag] ?? [] {
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw CommandError.usage("--\(flag) takes FIELD=VALUE (guidelines=4), not '\(text)'")
                }
                let name = String(text[..<equals])
                guard let field = type.field(name) ?? type.field(filter: name), case .list = field.kind else {
                    throw CommandError.usage("--\(flag) \(name): \(type.name) has no list field \(name)")
                }
                guard
                    case .list(let values) = try ValueParser.parse(
                        String(text[text.index(after: equals)...]),
                        as: field.kind,
                        field: field.name
                    )
                else { continue }
                if flag == "add" {
                    edits.additions.append((field.name, values))
                } else {
                    edits.removals.append((field.name, values))
                }
            }
        }
        return edits
    }
}
