internal import Kernel

/// `help`, `help practice`, `help practice list`: generated from the declarations.
struct HelpCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: nil,
            verb: "help",
            summary: "show commands, or one noun's or command's help",
            arguments: "[NOUN [VERB]]",
            examples: ["help practice list"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        invocation.write(Help(catalog: invocation.shell.catalog).text(for: invocation.arguments.positional))
        return .none
    }
}
