internal import Kernel

/// A command still implemented in the interpreter's switches, until it becomes a type.
struct LegacyCommand: ShellCommand {
    let spec: CommandSpec

    func run(_ invocation: Invocation) async throws -> Records {
        try await invocation.shell.runTranslation(spec, invocation.arguments, show: invocation.showsOutput)
    }
}
