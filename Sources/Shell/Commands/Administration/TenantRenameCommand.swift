internal import Kernel

/// `tenant rename CODE --name ...`.
struct TenantRenameCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "tenant",
            verb: "rename",
            summary: "rename a tenant",
            arguments: "CODE",
            flags: [FlagSpec("name", summary: "the new name", placeholder: "TEXT")],
            mutates: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let administration = try invocation.administration
        let code = try invocation.name()
        guard let title = invocation.arguments.value("name") else {
            throw CommandError.usage("tenant rename needs --name")
        }
        try await administration.renameTenant(code, to: title)
        return .none
    }
}
