internal import Kernel

/// `practice update 42 --title ...`: fields of one item, or of many chosen by ids or
/// `--where`, each checked on its own; items it would not change are skipped.
struct UpdateCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        let noun = type.name
        return CommandSpec(
            noun: noun,
            verb: "update",
            summary: "change fields of one or more \(type.plural)",
            arguments: "ID...",
            flags: ContentFlags.title + [
                FlagSpec("version", summary: "the version you read; refused if it changed since", placeholder: "N"),
                FlagSpec("clear", summary: "fields to empty, separated by commas", placeholder: "FIELD"),
                ContentFlags.message,
                FlagSpec("reassign", summary: "make this person the author", placeholder: "PERSON"),
            ] + ContentFlags.selection + ContentFlags.listEdits + ContentFlags.fields(of: type),
            examples: [
                "\(noun) update 42 --title \"New title\"",
                "\(noun) update --where status=\(type.workflow.initialState) --add guidelines=4 --dry-run",
            ],
            mutates: true
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let arguments = invocation.arguments
        let selection = try await invocation.select(type: type, tenant: tenant)
        let clear = arguments.list("clear")
        for name in clear where type.field(name) == nil {
            throw CommandError.usage("--clear \(name): \(type.name) has no field \(name)")
        }
        var changes = ItemChanges(
            title: arguments.value("title"),
            slug: arguments.value("slug"),
            set: try invocation.fieldValues(type: type),
            remove: clear
        )
        changes.author = arguments.value("reassign")
        let edits = try ListEdits(type: type, arguments)
        let version = try invocation.number("version")
        if selection.fromFilter && selection.ids.count > 20 {
            try invocation.confirm("update \(selection.ids.count) \(type.plural)")
        }
        let result = try await invocation.each(selection, of: type, in: tenant) { item in
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
                try await invocation.store.update(
                    id: item.id,
                    tenant: tenant,
                    expectedVersion: version ?? item.version,
                    changes: itemChanges,
                    author: invocation.user,
                    message: arguments.value("message")
                )
            )
        }
        if arguments.has("dry-run") { return result.changeTable }
        try invocation.show(.items(result.items))
        return .items(result.items)
    }
}
