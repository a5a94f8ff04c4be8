/// How much of an item's long texts a search reads: the first 20,000 characters of its summary
/// and the first 200,000 of its body (a PostgreSQL text-search vector holds at most 1 MB of
/// lexemes). Words past these lengths are neither found nor shown in snippets, by every store.
///
/// The database applies the same lengths (`micic_searchable_length` in the kernel's
/// migrations, behind the items' search vector and the snippets), and a test checks that the
/// two agree.
///
/// ```swift
/// let searched = SearchableText.prefix(of: body, field: "body")
/// ```
public enum SearchableText {
    /// The characters of a summary that are searched.
    public static let summaryLength = 20_000
    /// The characters of a body that are searched.
    public static let bodyLength = 200_000

    /// The searched length of the field called `field` (`summary` or `body`); `nil` for a
    /// field searched whole.
    public static func length(of field: String) -> Int? {
        switch field {
        case "summary": summaryLength
        case "body": bodyLength
        default: nil
        }
    }

    /// The part of `text`, the value of the field called `field`, that a search reads:
    /// its first characters, counted as Unicode scalars (as PostgreSQL's `left` counts them).
    public static func prefix(of text: String, field: String) -> String {
        guard let length = length(of: field), text.unicodeScalars.count > length else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.prefix(length)))
    }
}
