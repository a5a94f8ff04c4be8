/// One command: its words as typed.
public struct CommandCall: Sendable, Hashable {
    public var words: [Word]
    public var position: SourcePosition

    public init(words: [Word], position: SourcePosition) {
        self.words = words
        self.position = position
    }
}

/// Commands joined by `|`: each passes its records to the next.
public struct Pipeline: Sendable, Hashable {
    public var commands: [CommandCall]

    public init(commands: [CommandCall]) {
        self.commands = commands
    }

    /// The pipeline as it was written (variables as `$name`, words quoted where they need
    /// it), with any `--password` value left out: what the audit log keeps as the command.
    public var source: String {
        commands.map { call in
            var words: [String] = []
            for word in call.words {
                words.append(words.last == "--password" ? "..." : word.source)
            }
            return words.joined(separator: " ")
        }
        .joined(separator: " | ")
    }
}

/// A statement of a script.
public enum Statement: Sendable, Hashable {
    /// Runs a pipeline and shows its output.
    case run(Pipeline)
    /// `let name = pipeline`: keeps the ids the pipeline produces in `$name`.
    case assign(String, Pipeline, SourcePosition)

    public var position: SourcePosition {
        switch self {
        case .run(let pipeline): pipeline.commands.first?.position ?? SourcePosition(line: 1, column: 1)
        case .assign(_, _, let position): position
        }
    }
}
