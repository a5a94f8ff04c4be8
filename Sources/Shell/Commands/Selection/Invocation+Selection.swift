internal import Foundation
internal import Kernel

/// Verbs over many items: chosen by ids or by `--where` and `--older-than`; each item
/// checked on its own (permission, version, state); a summary of what was done, skipped and
/// failed.
extension Invocation {
    /// The items named by ids, or chosen by `--where` and `--older-than` (among trashed ones
    /// when `trashed`).
    func select(type: ContentType, tenant: String, trashed: Bool = false) async throws -> ItemSelection {
        let conditions = arguments.values["where"] ?? []
        let age = arguments.value("older-than")
        guard !conditions.isEmpty || age != nil else {
            return ItemSelection(ids: try ids(for: spec), items: [:], fromFilter: false)
        }
        guard arguments.positional.isEmpty else {
            throw CommandError.usage("\(spec.name) takes ids or --where/--older-than, not both")
        }
        var query = try filterQuery(type: type, conditions: conditions, trashed: trashed)
        if let age { query.updatedBefore = Date().addingTimeInterval(-(try ItemSelection.seconds(age))) }
        var items: [Item] = []
        while true {
            let page = try await store.list(query, tenant: tenant)
            items += page.items
            if isInterrupted { throw CommandError("interrupted while choosing \(type.plural)") }
            guard let next = page.next else { break }
            query.after = next
        }
        if items.isEmpty { note("\(spec.name): no \(type.plural) match") }
        return ItemSelection(
            ids: items.map(\.id),
            items: Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) }),
            fromFilter: true
        )
    }

    /// The list query for `--where` conditions: each `NAME=VALUE[,VALUE...]` is the list
    /// filter of that name (`status`, `language`, `author`, or a field by name or filter).
    private func filterQuery(type: ContentType, conditions: [String], trashed: Bool) throws -> ItemQuery {
        let list = ListCommand(type: type).spec
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

    /// Runs `body` for each item, reporting each failure and going on (a single item's
    /// error is the command's); then a summary of what was done, skipped and failed. Any
    /// failure beside a success or a skip is a partial failure.
    func each(
        _ selection: ItemSelection,
        of type: ContentType,
        in tenant: String,
        _ body: (Item) async throws -> ItemOutcome
    ) async throws -> BulkResult {
        let verb = spec.verb
        var result = BulkResult(items: [], changes: [])
        var done: [Int64] = []
        var skipped: [String] = []
        var failures: [String] = []
        let ids = selection.ids
        let progress = Progress(verb, total: ids.count, write: shell.console.progress)
        defer { progress.finish() }
        for (index, id) in ids.enumerated() {
            progress.update(index)
            if isInterrupted {
                throw CommandError("\(verb) interrupted after \(done.count) of \(ids.count); the rest were not touched")
            }
            do {
                let item: Item
                if let selected = selection.items[id] {
                    item = selected
                } else {
                    item = try await store.item(id: id, tenant: tenant)
                }
                guard item.type == type.name else {
                    throw CommandError("item \(id) is a \(item.type), not a \(type.name)")
                }
                switch try await body(item) {
                case .done(let changed):
                    done.append(id)
                    result.items.append(changed)
                    result.changes += BulkResult.changes(from: item, to: changed)
                case .purged:
                    done.append(id)
                    result.items.append(item)
                    result.changes.append([String(id), item.slug, "purge", item.title, nil])
                case .skipped(let reason):
                    skipped.append("\(id): \(reason)")
                }
            } catch  where shell.isUnavailable(error) {
                // The database is gone (a failover, a restart): every other item would fail the
                // same way. Each item moved or not as a whole; a run again skips the done ones.
                warn(
                    "\(verb): the database could not be reached after \(done.count) of \(ids.count) done"
                        + " (item \(id) may or may not have been); the rest were not touched: run it again"
                )
                throw error
            } catch {
                let reason = (error as? ContentError)?.message ?? (error as? ValidationError)?.description ?? "\(error)"
                failures.append("\(id): \(reason)")
                if !selection.isBulk { throw error }
            }
        }
        if selection.isBulk {
            note("\(verb): \(done.count) done, \(failures.count) failed, \(skipped.count) skipped")
            if !done.isEmpty { note("  done: " + done.map(String.init).joined(separator: ", ")) }
        }
        for skip in skipped { note("  skipped \(skip)") }
        for failure in failures { warn("  failed \(failure)") }
        if !failures.isEmpty {
            throw CommandError("\(failures.count) of \(ids.count) failed", partial: !done.isEmpty || !skipped.isEmpty)
        }
        return result
    }
}
