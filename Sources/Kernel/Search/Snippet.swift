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
    /// white space (line breaks included) become one space, none is kept at either end.
    ///
    /// Read scalar by scalar in one pass (grapheme breaking cost more than the rest of a
    /// search page's reading): the markers are single scalars, as `ts_headline` writes them.
    public init(marked text: String, open: Character, close: Character) {
        let (open, close) = (open.unicodeScalars.first, close.unicodeScalars.first)
        var parts: [Part] = []
        var current = String.UnicodeScalarView()
        var inMatch = false
        // A space waits for the next scalar that is not white space, so none ends the text;
        // none starts it either.
        var started = false
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = started
                continue
            }
            if pendingSpace { current.append(" ") }
            pendingSpace = false
            started = true
            if scalar == open || scalar == close {
                if !current.isEmpty { parts.append(Part(String(current), isMatch: inMatch)) }
                current = String.UnicodeScalarView()
                inMatch = scalar == open
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { parts.append(Part(String(current), isMatch: inMatch)) }
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
