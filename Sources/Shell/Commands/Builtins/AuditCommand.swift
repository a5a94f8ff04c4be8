internal import Kernel

/// `audit [ID]`: who changed what in the tenant, newest first, with the command they ran.
struct AuditCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: nil,
            verb: "audit",
            summary: "who changed what in the tenant, newest first, with the command they ran",
            arguments: "[ID]",
            flags: [
                FlagSpec("actor", summary: "only this person's changes", placeholder: "PERSON"),
                FlagSpec("limit", summary: "entries to show (default 50, at most 1000)", placeholder: "N"),
            ],
            examples: ["audit --tenant cr --actor ana", "audit 42 --format csv"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let arguments = invocation.arguments
        let shell = invocation.shell
        let backend = shell.backend
        guard let code = arguments.value("tenant") ?? shell.tenant else {
            throw CommandError.usage("audit needs --tenant CODE (or use CODE first)")
        }
        guard try await backend.tenants().contains(where: { $0.code == code }) else {
            throw CommandError("there is no tenant '\(code)' you can see")
        }
        guard arguments.positional.count <= 1 else { throw CommandError.usage("audit takes at most one item id") }
        let item = try arguments.positional.first.map { text in
            guard let id = Int64(text), id > 0 else { throw CommandError.usage("'\(text)' is not an item id") }
            return id
        }
        if invocation.showsOutput, try shell.format(arguments) == .count {
            let count = try await backend.auditCount(tenant: code, item: item, actor: arguments.value("actor"))
            try shell.emit("\(count)\n", format: .count, arguments)
            return .none
        }
        let table = try await backend.audit(
            tenant: code,
            item: item,
            actor: arguments.value("actor"),
            limit: try arguments.wholeNumber("limit", in: 1...1_000) ?? 50
        )
        try invocation.show(.table(table))
        return .table(table)
    }
}
