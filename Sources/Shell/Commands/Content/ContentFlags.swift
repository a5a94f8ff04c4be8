internal import Kernel

/// The flags the generic verbs of content types share.
enum ContentFlags {
    /// The flags that choose the items of a verb over many, instead of ids.
    static let selection: [FlagSpec] = [
        FlagSpec(
            "where",
            summary: "choose items by a list filter instead of ids: status=draft, country=MX (repeatable)",
            placeholder: "FIELD=VALUE"
        ),
        FlagSpec(
            "older-than",
            summary: "only items last saved longer ago than this: 365d, 12h, 2w",
            placeholder: "AGE"
        ),
    ]

    /// The flags that change list fields item by item.
    static let listEdits: [FlagSpec] = [
        FlagSpec("add", summary: "add values to a list field: guidelines=4 (repeatable)", placeholder: "FIELD=VALUE"),
        FlagSpec("remove", summary: "take values out of a list field (repeatable)", placeholder: "FIELD=VALUE"),
    ]

    /// `--title` and `--slug`.
    static let title: [FlagSpec] = [
        FlagSpec("title", summary: "the title", placeholder: "TITLE"),
        FlagSpec("slug", summary: "the URL name", placeholder: "SLUG"),
    ]

    /// `--message`: why, kept with the revision.
    static let message = FlagSpec("message", summary: "why, kept with the revision", placeholder: "TEXT")

    /// A flag per field of `type`, named after it (`--submitter-contact`).
    static func fields(of type: ContentType) -> [FlagSpec] {
        type.fields.map { field in
            FlagSpec(
                field.name.replacing("_", with: "-"),
                summary: "\(field.label): \(field.kind.summary)" + (field.required ? " (required)" : ""),
                values: field.kind.vocabulary?.terms.map(\.code) ?? [],
                placeholder: field.name.uppercased()
            )
        }
    }

    /// A value of `kind` for the examples `help` shows, written as it is typed.
    static func exampleValue(of kind: FieldKind) -> String {
        switch kind {
        case .choice(let vocabulary): vocabulary.terms.first?.code ?? "CODE"
        case .country: "CR"
        case .list(let element, _): exampleValue(of: element)
        case .date: "2026-12-01"
        case .dateTime: "\"2026-12-01T09:00 America/Costa_Rica\""
        case .integer(let range): String(range.lowerBound)
        case .boolean: "yes"
        case .url: "https://example.org"
        case .email: "name@example.org"
        case .language: "es"
        case .duration: "PT2H"
        case .reference: "42"
        case .rows: "'[{\"title\": \"Module 1\"}]'"
        case .text, .markdown: "\"...\""
        }
    }

    /// The field whose first vocabulary code the examples show (not countries).
    static func exampleField(of type: ContentType) -> FieldSpec? {
        type.fields.first { $0.kind.vocabulary != nil && $0.kind.vocabulary != .countries }
    }
}
