internal import Kernel

/// A request for a page of a content type's items: filters on its fields, an order, a page
/// size and position, and the facets to count.
///
/// Each filter is named like the shell's list flag (`country`, `phase`, `guideline`;
/// `start-after` and `start-before` for dates) and takes one or more values, separated by
/// commas or given again, any of which may match.
struct ListRequest: Sendable {
    /// The parameters every list takes besides its filters.
    static let common = ["lang", "limit", "cursor", "sort", "facets"]

    /// The content type.
    let type: ContentType
    /// The query, without its languages (they depend on the tenant).
    let query: ItemQuery
    /// The facets to count (list-filter names).
    let facets: [String]
    /// The parameters as understood, by name, without `cursor` and `lang`: what identifies
    /// the list.
    let canonical: [(name: String, value: String)]

    /// Reads `parameters` for `type`.
    /// - Throws: ``Problem`` 400 for an unknown parameter or a malformed value.
    init(type: ContentType, parameters: QueryParameters) throws {
        self.type = type
        try parameters.only(Self.common + Self.filterNames(of: type), on: "a list of \(type.plural)")
        var query = ItemQuery(type: type.name)
        query.limit = try parameters.integer("limit", in: 1...100, default: 20)
        if let sort = try parameters.value("sort") {
            guard let order = ItemSort(rawValue: sort) else {
                throw Problem.badParameter(
                    "sort",
                    "must be one of " + ItemSort.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            query.sort = order
        }
        if let cursor = try parameters.value("cursor") { query.after = try PageCursor.cursor(cursor, sort: query.sort) }
        var canonical: [(String, String)] = [("limit", String(query.limit)), ("sort", query.sort.rawValue)]
        for field in type.fields where !field.isPrivate {
            switch field.kind {
            case .date, .dateTime:
                let from = try Self.date(parameters, field.filterName + "-after")
                let to = try Self.date(parameters, field.filterName + "-before")
                if let from { canonical.append((field.filterName + "-after", from)) }
                if let to { canonical.append((field.filterName + "-before", to)) }
                if from != nil || to != nil { query.filters.append(.between(field.name, from: from, to: to)) }
            default:
                let texts = parameters.list(field.filterName)
                guard field.isFacet, !texts.isEmpty else { continue }
                let values = try texts.map { try FilterValue.parse($0, for: field) }
                // Codes as stored (`cr` is `CR`): one cache entry and one `next` link for both.
                canonical.append((field.filterName, values.map { $0.textValue ?? $0.jsonText }.joined(separator: ",")))
                if case .list = field.kind {
                    query.filters.append(.contains(field.name, values))
                } else {
                    query.filters.append(.oneOf(field.name, values))
                }
            }
        }
        let facets = parameters.list("facets")
        let known = Set(type.fields.filter(\.isFacet).map(\.filterName))
        for facet in facets where !known.contains(facet) {
            throw Problem.badParameter(
                "facets",
                "names \(facet), which is not a facet of \(type.plural) (facets: \(known.sorted().joined(separator: ", ")))"
            )
        }
        if !facets.isEmpty { canonical.append(("facets", facets.joined(separator: ","))) }
        self.query = query
        self.facets = facets
        self.canonical = canonical.sorted { $0.0 < $1.0 }
    }

    /// What identifies the answer, but for the tenant and the language.
    var key: String {
        QueryParameters.text(canonical) + "&cursor="
            + (query.after.map { PageCursor.text($0, sort: query.sort) } ?? "")
    }

    /// The link to the page after `cursor`.
    func link(tenant: String, language: LanguagePreference, after cursor: ItemCursor) -> String {
        var pairs = canonical
        pairs.append(("cursor", PageCursor.text(cursor, sort: query.sort)))
        if let explicit = language.explicit { pairs.append(("lang", explicit)) }
        return "/v1/\(tenant)/\(type.plural)?"
            + QueryParameters.text(pairs)
    }

    /// The filter parameters of `type`: each public facet's, and a range for each date.
    static func filterNames(of type: ContentType) -> [String] {
        type.fields.filter { !$0.isPrivate }.flatMap { field -> [String] in
            switch field.kind {
            case .date, .dateTime: [field.filterName + "-after", field.filterName + "-before"]
            default: field.isFacet ? [field.filterName] : []
            }
        }
    }

    private static func date(_ parameters: QueryParameters, _ name: String) throws -> String? {
        guard let text = try parameters.value(name) else { return nil }
        guard CalendarDate(text) != nil else { throw Problem.badParameter(name, "must be a date written YYYY-MM-DD") }
        return text
    }
}
