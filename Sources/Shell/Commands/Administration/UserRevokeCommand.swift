internal import Kernel

/// `user revoke NAME`: a person's role in a tenant taken away.
struct UserRevokeCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "user",
            verb: "revoke",
            summary: "take a person's role in a tenant away",
            arguments: "NAME",
            examples: ["user revoke ana --tenant cr"],
            mutates: true,
            destructive: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let administration = try invocation.administration
        let person = try invocation.name()
        let code = try invocation.tenantFlag()
        try invocation.confirm("take \(person)'s role in \(code) away")
        try await administration.revoke(person, tenant: code)
        return .none
    }
}
