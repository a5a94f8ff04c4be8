internal import Kernel

/// `practice diff 42 --from 1 --to 3`: what changed between two revisions.
struct DiffCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        CommandSpec(
            noun: type.name,
            verb: "diff",
            summary: "what changed between two revisions (default: the last two)",
            arguments: "ID",
            flags: [
                FlagSpec("from", summary: "the older version", placeholder: "N"),
                FlagSpec("to", summary: "the newer version", placeholder: "N"),
            ],
            examples: ["\(type.name) diff 42 --from 1 --to 3"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let item = try await invocation.find(one: type, tenant: tenant)
        let revisions = try await invocation.store.history(id: item.id, tenant: tenant)
        let to = try invocation.number("to") ?? revisions.last?.version ?? 1
        let from = try invocation.number("from") ?? max(1, to - 1)
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
        try invocation.show(.table(table))
        return .table(table)
    }
}
