internal import Kernel

/// `user create NAME`: a person who can log in, with a first role when `--role` is given.
struct UserCreateCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "user",
            verb: "create",
            summary: "create a person who can log in (platform administrators)",
            arguments: "NAME",
            flags: [
                FlagSpec(
                    "password",
                    summary: "their password (asked for on a terminal when left out)",
                    placeholder: "TEXT"
                ),
                FlagSpec("display-name", summary: "the name shown to others", placeholder: "TEXT"),
                MembershipFlags.role,
                MembershipFlags.languages,
            ],
            examples: [
                " user create ana --display-name \"Ana Mora\" --password ...   # a leading space keeps it out of history",
                " user create luis --password ... --tenant cr --role translator --languages en",
            ],
            mutates: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let administration = try invocation.administration
        let person = try invocation.name()
        // Checked before the password is asked for: nothing is created on a bad flag.
        let membership = try invocation.membership()
        guard let password = invocation.arguments.value("password") ?? invocation.askPassword(for: person) else {
            throw CommandError.usage("user create needs --password (or a terminal to ask on)")
        }
        try await administration.createPerson(
            person,
            password: password,
            displayName: invocation.arguments.value("display-name") ?? "",
            membership: membership
        )
        if let membership {
            invocation.note("created \(person), \(membership.role.rawValue) in \(membership.tenant)")
        } else {
            invocation.note("created \(person); grant them a role: user grant \(person) --tenant CODE --role ROLE")
        }
        return .none
    }
}
