internal import Kernel

/// `practice delete`, `restore` and `purge`: items into the trash, out of it, or gone for
/// good; by ids or `--where`.
struct TrashCommand: ShellCommand {
    let type: ContentType
    let action: Action

    /// What happens to the items.
    enum Action: String {
        /// Into the trash.
        case delete
        /// Out of the trash.
        case restore
        /// Out of the trash for good.
        case purge
    }

    var spec: CommandSpec {
        let noun = type.name
        return switch action {
        case .delete:
            CommandSpec(
                noun: noun,
                verb: "delete",
                summary: "move \(type.plural) to the trash",
                arguments: "ID...",
                flags: ContentFlags.selection,
                examples: [
                    "\(noun) list --status \(type.workflow.initialState) | \(noun) delete --yes",
                    "\(noun) delete --where status=\(type.workflow.initialState) --older-than 365d --dry-run",
                ],
                mutates: true,
                destructive: true
            )
        case .restore:
            CommandSpec(
                noun: noun,
                verb: "restore",
                summary: "take \(type.plural) out of the trash",
                arguments: "ID...",
                flags: ContentFlags.selection,
                mutates: true
            )
        case .purge:
            CommandSpec(
                noun: noun,
                verb: "purge",
                summary: "remove trashed \(type.plural) for good",
                arguments: "ID...",
                flags: ContentFlags.selection,
                mutates: true,
                destructive: true
            )
        }
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let selection = try await invocation.select(type: type, tenant: tenant, trashed: action != .delete)
        let ids = selection.ids
        if spec.destructive {
            try invocation.confirm("\(action.rawValue) \(ids.count) \(ids.count == 1 ? type.name : type.plural)")
        }
        let store = invocation.store
        let author = invocation.user
        let result = try await invocation.each(selection, of: type, in: tenant) { item in
            switch action {
            case .delete:
                if item.deletedAt != nil { return .skipped("already in the trash") }
                return .done(try await store.delete(id: item.id, tenant: tenant, author: author))
            case .restore:
                if item.deletedAt == nil { return .skipped("not in the trash") }
                return .done(try await store.restore(id: item.id, tenant: tenant, author: author))
            case .purge:
                try await store.purge(id: item.id, tenant: tenant, author: author)
                return .purged
            }
        }
        if invocation.arguments.has("dry-run") { return result.changeTable }
        if invocation.arguments.value("format") != nil { try invocation.show(.items(result.items)) }
        return .items(result.items)
    }
}
