internal import Kernel

/// `user grant NAME --role ROLE`: a role in a tenant, replacing any the person had there.
struct UserGrantCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "user",
            verb: "grant",
            summary: "give a person a role in a tenant (tenant admins)",
            arguments: "NAME",
            flags: [MembershipFlags.role, MembershipFlags.languages],
            examples: ["user grant ana --tenant cr --role translator --languages es"],
            mutates: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let administration = try invocation.administration
        let person = try invocation.name()
        guard let membership = try invocation.membership() else {
            throw CommandError.usage("--role must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        try await administration.grant(person, membership)
        return .none
    }
}
