/// What a field holds, and so how it is validated, filtered and shown.
public indirect enum FieldKind: Sendable, Hashable {
    /// One line of text of at most `maxLength` characters.
    case text(maxLength: Int)
    /// Long text in Markdown, optionally limited.
    case markdown(maxLength: Int?)
    /// One code of a vocabulary.
    case choice(Vocabulary)
    /// A whole number in a range.
    case integer(ClosedRange<Int>)
    /// Yes or no.
    case boolean
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// An instant with the IANA time zone it is shown in: an object
    /// `{"utc": "2017-12-04T15:00:00Z", "zone": "America/Mexico_City"}`.
    case dateTime
    /// An absolute `http` or `https` URL.
    case url
    /// An e-mail address.
    case email
    /// An ISO 3166-1 alpha-2 country code, or `global`.
    case country
    /// A BCP-47 language tag among the tenant's languages.
    case language
    /// An ISO 8601 duration (`PT2H`, `P1DT30M`).
    case duration
    /// An ordered list of structured rows, each with the given fields (a tool's modules).
    case rows([FieldSpec])
    /// The id of another item of the given type, in the same tenant.
    case reference(type: String)
    /// A list of values of one kind (an enum set is `.list(.choice(vocabulary))`).
    case list(FieldKind, maxItems: Int = 100)

    /// The vocabulary behind a choice or a list of choices.
    public var vocabulary: Vocabulary? {
        switch self {
        case .choice(let vocabulary): vocabulary
        case .country: .countries
        case .list(let element, _): element.vocabulary
        default: nil
        }
    }

    /// `value` in the form it is stored in: vocabulary and country codes and language tags
    /// as written in any case and with spaces around them become the canonical code or tag
    /// (`cr` is `CR`, `Preparedness` is `preparedness`, `ES-mx` is `es-MX`), and a number
    /// given for a vocabulary whose codes are numbers (a guideline) becomes its code. Any
    /// other value is returned as it is, for validation to judge.
    public func canonical(_ value: FieldValue) -> FieldValue {
        switch (self, value) {
        case (.choice(let vocabulary), .text(let text)): .text(vocabulary.canonical(text) ?? text)
        case (.choice, .integer(let number)): .text(String(number))
        case (.country, .text(let text)): .text(Vocabulary.countries.canonical(text) ?? text)
        case (.language, .text(let text)): .text(LanguageTag.canonical(text))
        case (.list(let element, _), .list(let values)): .list(values.map(element.canonical))
        case (.rows(let specs), .list(let rows)):
            .list(
                rows.map { row in
                    guard case .object(let fields) = row else { return row }
                    return .object(specs.canonical(fields))
                }
            )
        default: value
        }
    }

    /// The kind of one value: a list's elements', or this kind itself.
    public var element: FieldKind {
        if case .list(let element, _) = self { return element }
        return self
    }

    /// A short name for help and errors.
    public var summary: String {
        switch self {
        case .text(let maxLength): "text (up to \(maxLength) characters)"
        case .markdown: "Markdown text"
        case .choice(let vocabulary): "one \(vocabulary.name)"
        case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .boolean: "yes or no"
        case .date: "a date (YYYY-MM-DD)"
        case .dateTime: "a date and time with a time zone"
        case .url: "a URL"
        case .email: "an e-mail address"
        case .country: "a country code (ISO 3166-1 alpha-2) or global"
        case .language: "a language tag"
        case .duration: "an ISO 8601 duration (PT2H)"
        case .rows: "a list of rows"
        case .reference(let type): "a \(type) id"
        case .list(let element, _): element.summary + ", several separated by commas"
        }
    }
}
