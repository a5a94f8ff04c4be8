internal import Kernel

/// `practice show 42`: one item with every field (or several, as a table).
struct ShowCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        CommandSpec(
            noun: type.name,
            verb: "show",
            summary: "show one \(type.name) with every field",
            arguments: "ID|SLUG",
            flags: [
                FlagSpec.language(
                    "language",
                    summary: "the language version a slug names (default: the tenant's default language)"
                )
            ],
            examples: ["\(type.name) show 42"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        if invocation.arguments.positional.count > 1 {
            var items: [Item] = []
            for id in try invocation.ids(for: spec) {
                items.append(try await invocation.item(id, of: type, tenant: tenant))
            }
            try invocation.show(.items(items))
            return .items(items)
        }
        let item = try await invocation.find(one: type, tenant: tenant)
        try invocation.show(detail: item)
        return .items([item])
    }
}
