internal import Kernel

/// `user admin NAME`: a platform administrator.
struct UserAdminCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "user",
            verb: "admin",
            summary: "make a person a platform administrator",
            arguments: "NAME",
            mutates: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        try await invocation.administration.makePlatformAdmin(try invocation.name())
        return .none
    }
}
