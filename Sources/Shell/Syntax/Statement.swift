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
    /// it), with each flag value that `isSecret(flag, value)` accepts written `...`, given as
    /// the next word or after `=`: what the audit log keeps as the command.
    public func source(hiding isSecret: (_ flag: String, _ value: String) -> Bool) -> String {
        commands.map { call in
            var words: [String] = []
            // The flag the previous word named: this word may be its value.
            var pending: String?
            for word in call.words {
                let flag = pending
                pending = nil
                if let flag, !word.isFlag, isSecret(flag, word.literal ?? word.source) {
                    words.append("...")
                    continue
                }
                guard word.isFlag, let literal = word.literal else {
                    words.append(word.source)
                    continue
                }
                let body = literal.dropFirst(2)
                if let equals = body.firstIndex(of: "=") {
                    let name = String(body[..<equals])
                    let hidden = isSecret(name, String(body[body.index(after: equals)...]))
                    words.append(hidden ? "--" + name + "=..." : word.source)
                } else {
                    pending = String(body)
                    words.append(word.source)
                }
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
