internal import Hummingbird
internal import Kernel

/// A request to search a tenant's content: the words (`q`, in web-search syntax), the
/// types, facet filters named like the list filters, a page, and the facets to count.
struct SearchRequest: Sendable {
    /// The parameters every search takes besides its facet filters.
    static let common = ["q", "type", "lang", "limit", "offset", "facets"]

    /// The query, without its language (it depends on the tenant).
    let query: SearchQuery
    /// The facets to count (`type`, or list-filter names).
    let facets: [String]
    /// The parameters as understood, by name, without `lang`: what identifies the search.
    let canonical: [(name: String, value: String)]

    /// Reads `parameters` for the content types of `rules`.
    /// - Throws: ``Problem`` 400 for a missing query, an unknown type, facet or parameter,
    ///   or a malformed value.
    init(parameters: QueryParameters, rules: ContentRules) throws {
        guard let text = try parameters.value("q"), !text.allSatisfy(\.isWhitespace) else {
            throw Problem.badParameter("q", "is required: the words to look for")
        }
        guard text.count <= 500 else { throw Problem.badParameter("q", "is longer than 500 characters") }
        var types: [ContentType] = []
        for name in parameters.list("type") {
            guard let type = rules.registry.contentType(name) else {
                let names = rules.registry.contentTypes.map(\.name).joined(separator: ", ")
                throw Problem.badParameter("type", "names \(name), which is not a content type (types: \(names))")
            }
            if !types.contains(where: { $0.name == type.name }) { types.append(type) }
        }
        let searched = types.isEmpty ? rules.registry.contentTypes : types
        var query = SearchQuery(text: text, types: types.map(\.name))
        query.limit = try parameters.integer("limit", in: 1...100, default: 20)
        query.offset = try parameters.integer("offset", in: 0...10_000, default: 0)
        var canonical: [(String, String)] = [
            ("q", text), ("limit", String(query.limit)), ("offset", String(query.offset)),
        ]
        if !types.isEmpty { canonical.append(("type", types.map(\.name).joined(separator: ","))) }
        for name in parameters.names where !Self.common.contains(name) {
            let fields: [FieldSpec]
            do {
                fields = try rules.facetFields(name, in: searched)
            } catch let error as ValidationError {
                throw Problem(.badRequest, "the parameter \(name) is not known", invalidParameters: error.issues)
            }
            // Codes in any case, as stored (`cr` is `CR`).
            let values = parameters.list(name).map { fields[0].kind.element.canonical(.text($0)) }
            query.filters.append(FacetFilter(name, values))
            canonical.append((name, values.map { $0.textValue ?? $0.jsonText }.joined(separator: ",")))
        }
        let facets = parameters.list("facets")
        for facet in facets where facet != "type" {
            do {
                _ = try rules.facetFields(facet, in: searched)
            } catch let error as ValidationError {
                throw Problem(.badRequest, "the parameter facets names \(facet)", invalidParameters: error.issues)
            }
        }
        if !facets.isEmpty { canonical.append(("facets", facets.joined(separator: ","))) }
        self.query = query
        self.facets = facets
        self.canonical = canonical.sorted { $0.0 < $1.0 }
    }

    /// What identifies the answer, but for the tenant and the language.
    var key: String {
        QueryParameters.text(canonical)
    }

    /// The link to the page at `offset`.
    func link(tenant: String, language: LanguagePreference, offset: Int) -> String {
        var pairs = canonical.filter { $0.name != "offset" }
        pairs.append(("offset", String(offset)))
        if let explicit = language.explicit { pairs.append(("lang", explicit)) }
        return "/v1/\(tenant)/search?"
            + QueryParameters.text(pairs)
    }
}
