internal import Kernel

/// `exit` and `quit`: leave the shell.
struct ExitCommand: ShellCommand {
    /// `exit` or `quit`.
    let verb: String

    var spec: CommandSpec {
        CommandSpec(
            noun: nil,
            verb: verb,
            summary: verb == "exit" ? "leave the shell (also quit, or Ctrl-D)" : "leave the shell"
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        throw ExitSignal()
    }
}
