/// A shell command: its declaration (``spec``: noun, verb, flags, help, examples) and its
/// execution (``run(_:)``) side by side, in the manner of ArgumentParser's
/// `ParsableCommand`. The shell's own commands and the generic verbs of every content type
/// are commands; a plugin contributes more through ``Plugin/commands``. Parsing, `help` and
/// completion read the declarations.
///
/// ```swift
/// struct AdoptionListCommand: Command {
///     var spec: CommandSpec { CommandSpec(noun: "adoption", verb: "list", summary: "the adopted items") }
///     func run(_ context: any CommandContext) async throws -> Records {
///         let adoptions = try context.service((any AdoptionService).self)
///         ...
///     }
/// }
/// ```
public protocol Command: Sendable {
    /// How it is called, what it does, its flags and examples.
    var spec: CommandSpec { get }
    /// Runs it with the arguments and services of `context`, returning what a pipe passes
    /// on (and showing it through the context when it is the last command of a line).
    func run(_ context: any CommandContext) async throws -> Records
}
