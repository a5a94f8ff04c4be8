/// A full-text search over a tenant's live items: which words, in which types, languages,
/// states and facets, and which page of the ranked results.
///
/// The text uses web-search syntax: words must all appear (in any inflection of the
/// item's language), `"quoted words"` must appear together in that order, `-word` must
/// not appear, and `or` between two words accepts either.
///
/// ```swift
/// var query = SearchQuery(text: "\"evacuation drills\" -flood", types: ["practice"], language: "en")
/// query.filters = [FacetFilter("country", [.text("PH")])]
/// query.limit = 10
/// ```
public struct SearchQuery: Sendable, Hashable {
    /// What to look for, in web-search syntax.
    public var text: String
    /// Content types to search; every type when empty.
    public var types: [String]
    /// The language; every language of the tenant when `nil`.
    public var language: String?
    /// Workflow states to keep; every state when empty.
    public var statuses: [String]
    /// Facet conditions, all of which must hold.
    public var filters: [FacetFilter]
    /// The page size (1 to 1000).
    public var limit: Int
    /// How many of the best results to skip (from the previous page's ``SearchPage/next``).
    public var offset: Int

    /// A query.
    public init(
        text: String,
        types: [String] = [],
        language: String? = nil,
        statuses: [String] = [],
        filters: [FacetFilter] = [],
        limit: Int = 20,
        offset: Int = 0
    ) {
        self.text = text
        self.types = types
        self.language = language
        self.statuses = statuses
        self.filters = filters
        self.limit = limit
        self.offset = offset
    }

    /// The facets the repository of practices shows beside its results: content type,
    /// crisis phase, crisis type, country and guideline (a field's list-filter name; `type`
    /// is the content type).
    public static let repositoryFacets = ["type", "phase", "crisis-type", "country", "guideline"]
}
