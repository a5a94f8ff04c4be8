/// One word of a command: literal text and `$variable` references, and whether any of it
/// was quoted (a quoted `--x` is an argument, not a flag).
public struct Word: Sendable, Hashable {
    /// A piece of a word.
    public enum Part: Sendable, Hashable {
        case text(String)
        case variable(String)
    }

    public var parts: [Part]
    public var quoted: Bool
    public var position: SourcePosition

    public init(parts: [Part], quoted: Bool, position: SourcePosition) {
        self.parts = parts
        self.quoted = quoted
        self.position = position
    }

    /// The text when the word holds no variables.
    public var literal: String? {
        var text = ""
        for part in parts {
            guard case .text(let piece) = part else { return nil }
            text += piece
        }
        return text
    }

    /// The word much as it was typed: variables as `$name`, in double quotes when it was
    /// quoted or holds a space, a quote, `|`, `;` or `#`.
    public var source: String {
        var text = ""
        for part in parts {
            switch part {
            case .text(let piece): text += piece
            case .variable(let name): text += "$" + name
            }
        }
        guard quoted || text.isEmpty || text.contains(where: { " \t\"'|;#".contains($0) }) else { return text }
        return "\"" + text.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\""
    }

    /// Whether this is an unquoted `--flag`.
    public var isFlag: Bool {
        !quoted && (literal?.hasPrefix("--") ?? false) && (literal?.count ?? 0) > 2
    }
}
