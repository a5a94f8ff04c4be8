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

    public init(
        noun: String?,
        verb: String,
        summary: String,
        arguments: String = "",
        flags: [FlagSpec] = [],
        examples: [String] = [],
        mutates: Bool = false,
        destructive: Bool = false
    ) {
        self.noun = noun
        self.verb = verb
        self.summary = summary
        self.arguments = arguments
        self.flags = flags
        self.examples = examples
        self.mutates = mutates
        self.destructive = destructive
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

/// One flag of a command.
public struct FlagSpec: Sendable {
    public let name: String
    public let takesValue: Bool
    public let summary: String
    /// Values for completion (vocabulary codes).
    public let values: [String]
    public let placeholder: String
    /// Whether the value is language tags (one, or several separated by commas), which are
    /// read in any case and kept in the canonical one (`ES-mx` is `es-MX`).
    public var isLanguage = false

    /// Whether the value is the file a listing is written to (`--to FILE`).
    public var isOutputFile = false

    /// `--to FILE`: a listing written to a file, in the format its extension says.
    public static var outputFile: FlagSpec {
        var flag = FlagSpec(
            "to",
            summary: "write to this file instead (.csv, .json or .txt, or as --format says)",
            placeholder: "FILE"
        )
        flag.isOutputFile = true
        return flag
    }

    /// A flag whose value is a language tag (`LANG`), or several (`LANGS`).
    public static func language(_ name: String, summary: String, several: Bool = false) -> FlagSpec {
        var flag = FlagSpec(name, summary: summary, placeholder: several ? "LANGS" : "LANG")
        flag.isLanguage = true
        return flag
    }

    public init(
        _ name: String,
        takesValue: Bool = true,
        summary: String,
        values: [String] = [],
        placeholder: String = "VALUE"
    ) {
        self.name = name
        self.takesValue = takesValue
        self.summary = summary
        self.values = values
        self.placeholder = placeholder
    }

    /// Flags every command accepts.
    public static let global: [FlagSpec] = [
        FlagSpec("tenant", summary: "run in this tenant instead of the one chosen with use", placeholder: "CODE"),
        FlagSpec(
            "format",
            summary: "table, json, csv, ids or count",
            values: OutputFormat.allCases.map(\.rawValue),
            placeholder: "FORMAT"
        ),
        FlagSpec("fields", summary: "the columns to show, separated by commas", placeholder: "A,B"),
        FlagSpec(
            "dry-run",
            takesValue: false,
            summary: "run for real in a transaction that is rolled back, and show the result"
        ),
        FlagSpec("yes", takesValue: false, summary: "do not ask for confirmation"),
        FlagSpec("quiet", takesValue: false, summary: "print no diagnostics, only data and errors"),
        FlagSpec("no-pager", takesValue: false, summary: "never show a long table through the pager"),
    ]
}
