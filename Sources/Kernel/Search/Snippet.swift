/// A passage of text in which some words are marked as matches, kept as parts so each
/// output marks them its own way (bold on a terminal, `**word**` in plain text).
///
/// ```swift
/// let snippet = Snippet(marked: "help for \u{E000}migrants\u{E001} in crises", open: "\u{E000}", close: "\u{E001}")
/// snippet.text(open: "**", close: "**")  // "help for **migrants** in crises"
/// ```
public struct Snippet: Sendable, Hashable {
    /// One run of text, a match or not.
    public struct Part: Sendable, Hashable {
        /// The text.
        public let text: String
        /// Whether it matches the query.
        public let isMatch: Bool

        /// A part.
        public init(_ text: String, isMatch: Bool) {
            self.text = text
            self.isMatch = isMatch
        }
    }

    /// The runs, in order.
    public let parts: [Part]

    /// A snippet of `parts`.
    public init(parts: [Part]) {
        self.parts = parts
    }

    /// The snippet of text whose matches are enclosed between `open` and `close`; runs of
    /// white space (line breaks included) become one space.
    public init(marked text: String, open: Character, close: Character) {
        var collapsed = ""
        for character in text {
            if character.isWhitespace {
                if let last = collapsed.last, last != " " { collapsed.append(" ") }
            } else {
                collapsed.append(character)
            }
        }
        while collapsed.last == " " { collapsed.removeLast() }
        var parts: [Part] = []
        var current = ""
        var inMatch = false
        for character in collapsed {
            if character == open || character == close {
                if !current.isEmpty { parts.append(Part(current, isMatch: inMatch)) }
                current = ""
                inMatch = character == open
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(Part(current, isMatch: inMatch)) }
        self.parts = parts
    }

    /// The text with each match between `open` and `close`.
    public func text(open: String, close: String) -> String {
        parts.map { $0.isMatch ? open + $0.text + close : $0.text }.joined()
    }

    /// The plain text.
    public var plain: String { parts.map(\.text).joined() }

    /// The matched words, in order.
    public var matches: [String] { parts.filter(\.isMatch).map(\.text) }
}
