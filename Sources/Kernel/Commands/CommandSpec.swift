/// A command the shell knows: how it is called, what it does, its flags and examples, for
/// parsing, `help` and completion.
public struct CommandSpec: Sendable {
    /// The noun (`practice`), or `nil` for a built-in such as `use`.
    public let noun: String?
    /// The verb (`list`), or the built-in's name.
    public let verb: String
    /// One line on what it does.
    public let summary: String
    /// The positional arguments, as shown in usage (`ID...`).
    public let arguments: String
    /// The flags it takes beyond the global ones.
    public var flags: [FlagSpec]
    /// Example lines.
    public let examples: [String]
    /// Whether it changes data (so `--dry-run` applies).
    public let mutates: Bool
    /// Whether it destroys data (so it asks for confirmation).
    public let destructive: Bool
    /// Lines of explanation `help` shows after the usage.
    public var notes: [String] = []
    /// Whether ids piped in or brought by a variable join its arguments (people and
    /// tenants are named, not piped).
    public var readsPipe = true
    /// What `--dry-run` does when it changes data.
    public var dryRun = DryRun.rolledBack

    /// What `--dry-run` does for a command that changes data.
    public enum DryRun: Sendable, Equatable {
        /// The command runs for real in a transaction that is rolled back.
        case rolledBack
        /// The command reads the flag itself (an import checks its file and writes nothing).
        case itsOwn
        /// The command cannot rehearse, for this reason (an import that commits as it goes).
        case refused(String)
    }

    public init(
        noun: String?,
        verb: String,
        summary: String,
        arguments: String = "",
        flags: [FlagSpec] = [],
        examples: [String] = [],
        mutates: Bool = false,
        destructive: Bool = false,
        readsPipe: Bool = true,
        dryRun: DryRun = .rolledBack
    ) {
        self.noun = noun
        self.verb = verb
        self.summary = summary
        self.arguments = arguments
        self.flags = flags
        self.examples = examples
        self.mutates = mutates
        self.destructive = destructive
        self.readsPipe = readsPipe
        self.dryRun = dryRun
    }

    /// Whether its arguments are ids (of items or of translation jobs), which pipes and
    /// variables bring.
    public var takesIDs: Bool {
        ["ID", "JOB"].contains { arguments.contains($0) }
    }

    /// `practice list` or `use`.
    public var name: String { noun.map { "\($0) \(verb)" } ?? verb }

    /// The usage line.
    public var usage: String {
        var text = name
        if !arguments.isEmpty { text += " " + arguments }
        for flag in flags.prefix(6) {
            text += flag.takesValue ? " [--\(flag.name) \(flag.placeholder)]" : " [--\(flag.name)]"
        }
        if flags.count > 6 { text += " [...]" }
        return text
    }
}
