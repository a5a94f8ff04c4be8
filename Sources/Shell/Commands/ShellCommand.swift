internal import Kernel

/// A command of the shell's own: it runs with the ``Invocation`` (the interpreter's tenant,
/// settings, transactions and output) rather than only what ``CommandContext`` offers
/// plugins.
protocol ShellCommand: Command {
    func run(_ invocation: Invocation) async throws -> Records
}

extension ShellCommand {
    func run(_ context: any CommandContext) async throws -> Records {
        guard let invocation = context as? Invocation else {
            throw CommandError("\(spec.name) runs only in the shell")
        }
        return try await run(invocation)
    }
}
