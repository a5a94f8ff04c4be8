import Kernel

/// `bulletin board`: a command of the test plugin's own, beyond the generic verbs: the
/// bulletins the public sees now, newest first, with the first line of each body.
struct BoardCommand: Command {
    var spec: CommandSpec {
        CommandSpec(
            noun: BulletinPlugin.bulletin.name,
            verb: "board",
            summary: "the bulletins the public sees now, newest first, as a notice board",
            flags: [FlagSpec("limit", summary: "bulletins to show (default 10, at most 100)", placeholder: "N")],
            examples: ["bulletin board --limit 5"]
        )
    }

    func run(_ context: any CommandContext) async throws -> Records {
        var query = ItemQuery(type: BulletinPlugin.bulletin.name)
        query.publicOnly = true
        query.limit = try context.arguments.wholeNumber("limit", in: 1...100) ?? 10
        let page = try await context.store.list(query, tenant: try context.tenant())
        if page.items.isEmpty { context.note("the board is empty") }
        let table = Table(
            columns: ["id", "title", "notice"],
            rows: page.items.map { item in
                let body = item.fields["body"]?.textValue ?? ""
                return [String(item.id), item.title, body.split(separator: "\n").first.map(String.init) ?? ""]
            }
        )
        try context.show(.table(table))
        return .table(table)
    }
}
