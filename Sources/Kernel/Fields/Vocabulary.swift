/// A named, closed list of codes a field may take, with a label for each: crisis phases,
/// countries, guidelines. Filters and completion read it; validation enforces it.
///
/// ```swift
/// let phases = Vocabulary(name: "phase", terms: [
///     Term(code: "preparedness", label: "Preparedness"),
///     Term(code: "emergency_response", label: "Emergency response"),
/// ])
/// ```
public struct Vocabulary: Sendable, Hashable {
    /// The vocabulary's name, shown in errors and help.
    public let name: String
    /// The terms in display order.
    public let terms: [Term]
    private let codes: Set<String>
    /// Each code by its lower-case form.
    private let folded: [String: String]

    /// A vocabulary of `terms`; codes must be unique, whatever their case.
    public init(name: String, terms: [Term]) {
        self.name = name
        self.terms = terms
        codes = Set(terms.map(\.code))
        folded = Dictionary(terms.map { ($0.code.lowercased(), $0.code) }, uniquingKeysWith: { first, _ in first })
        precondition(folded.count == terms.count, "vocabulary \(name) repeats a code")
    }

    /// Whether `code` is one of the terms.
    public func contains(_ code: String) -> Bool { codes.contains(code) }

    /// The stored code `text` stands for, written in any case and with spaces around it
    /// (`cr` and ` CR ` give `CR`, `GLOBAL` gives `global`), or `nil` when no term has it.
    public func canonical(_ text: String) -> String? {
        if codes.contains(text) { return text }
        return folded[text.trimmingWhitespace().lowercased()]
    }

    /// The term with `code`.
    public func term(_ code: String) -> Term? { terms.first { $0.code == code } }

    /// The codes closest to a wrong one, for "did you mean" messages.
    public func suggestions(for code: String, limit: Int = 3) -> [String] {
        NameSuggestions.nearest(
            to: code,
            among: terms.map(\.code),
            within: max(2, code.lowercased().count / 3),
            limit: limit,
            ignoringCase: true
        )
    }

    /// One entry of a vocabulary.
    public struct Term: Sendable, Hashable {
        /// The stored code (`preparedness`, `CR`, `3`).
        public let code: String
        /// The label people read.
        public let label: String
        /// Further data about the term (a guideline's phase, for example).
        public let attributes: [String: String]

        /// A term with a code, a label and optional attributes.
        public init(code: String, label: String, attributes: [String: String] = [:]) {
            self.code = code
            self.label = label
            self.attributes = attributes
        }
    }
}

/// A term, by its short name.
public typealias Term = Vocabulary.Term
