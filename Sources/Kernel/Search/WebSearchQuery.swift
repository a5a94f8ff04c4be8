/// Web-search syntax read into conditions, as PostgreSQL's `websearch_to_tsquery` reads
/// it: words must all match, `"quoted words"` must match one after another, `-word` must
/// not match, and `or` between two terms accepts either (it binds more tightly than the
/// implicit "and": `a b or c` is `a and (b or c)`).
struct WebSearchQuery: Sendable, Hashable {
    /// One term: a word, or a phrase of several words, possibly negated.
    struct Term: Sendable, Hashable {
        /// The words, lowercased (more than one for a phrase).
        var words: [String]
        /// Whether the term must not match.
        var negated: Bool
    }

    /// Conditions that must all hold; each is satisfied by any one of its terms.
    let clauses: [[Term]]

    /// Reads `text`.
    init(_ text: String) {
        var clauses: [[Term]] = []
        var joinNext = false
        for token in Self.tokens(text) {
            if !token.quoted && !token.negated && token.text.lowercased() == "or" {
                joinNext = !clauses.isEmpty
                continue
            }
            let words = Self.words(token.text)
            guard !words.isEmpty else { continue }
            let term = Term(words: words, negated: token.negated)
            if joinNext {
                clauses[clauses.count - 1].append(term)
            } else {
                clauses.append([term])
            }
            joinNext = false
        }
        self.clauses = clauses
    }

    /// The lowercased runs of letters and digits of `text`.
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    private static func tokens(_ text: String) -> [(text: String, quoted: Bool, negated: Bool)] {
        var tokens: [(text: String, quoted: Bool, negated: Bool)] = []
        var rest = Substring(text)
        while let first = rest.first {
            if first.isWhitespace {
                rest = rest.dropFirst()
                continue
            }
            var negated = false
            if first == "-" {
                negated = true
                rest = rest.dropFirst()
            }
            if rest.first == "\"" {
                rest = rest.dropFirst()
                let end = rest.firstIndex(of: "\"") ?? rest.endIndex
                tokens.append((String(rest[..<end]), true, negated))
                rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
            } else {
                let end = rest.firstIndex { $0.isWhitespace || $0 == "\"" } ?? rest.endIndex
                tokens.append((String(rest[..<end]), false, negated))
                rest = rest[end...]
            }
        }
        return tokens
    }
}
