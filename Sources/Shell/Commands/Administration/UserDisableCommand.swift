internal import Kernel

/// `user disable NAME`: a person who can no longer log in.
struct UserDisableCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "user",
            verb: "disable",
            summary: "stop a person from logging in",
            arguments: "NAME",
            mutates: true,
            destructive: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let administration = try invocation.administration
        let person = try invocation.name()
        try invocation.confirm("disable \(person)")
        try await administration.disable(person)
        return .none
    }
}
