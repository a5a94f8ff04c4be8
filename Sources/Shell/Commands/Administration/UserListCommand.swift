internal import Kernel

/// `user list`: people and their memberships.
struct UserListCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "user",
            verb: "list",
            summary: "list people and their memberships",
            examples: ["user list"],
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let table = try await invocation.administration.people()
        try invocation.show(.table(table))
        return .table(table)
    }
}
