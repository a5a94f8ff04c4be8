/// The search of ``MemoryContentStore``: honest but simple. There is no stemming and there
/// are no stop words: a query word matches any word of the item that starts with it, case
/// aside (`migrant` finds `migrants`, not the other way round). Weights follow the
/// PostgreSQL store's: title above summary above body above the other text fields.
struct MemorySearch {
    let query: SearchQuery
    let types: [ContentType]
    let rules: ContentRules
    private let parsed: WebSearchQuery
    /// The field names behind each filter, with the facet texts it accepts.
    private let filters: [(fields: [String], values: Set<String>)]

    /// A search for `query`; it checks the query as the other stores do.
    init(_ query: SearchQuery, rules: ContentRules) throws {
        self.query = query
        self.rules = rules
        let types = try rules.check(query)
        self.types = types
        parsed = WebSearchQuery(query.text)
        filters = try query.filters.map { filter in
            (
                try rules.facetFields(filter.facet, in: types).map(\.name),
                Set(filter.values.flatMap(\.facetTexts))
            )
        }
    }

    /// The page of `items` the query asks for, best first.
    func page(of items: some Sequence<Item>) -> SearchPage {
        let ranked = matches(items).sorted { ($0.rank, $0.item.id) > ($1.rank, $1.item.id) }
        let page = ranked.dropFirst(query.offset).prefix(query.limit)
        let hits = page.map { SearchHit(item: $0.item, rank: $0.rank, snippet: snippet($0.item)) }
        return SearchPage(hits: hits, next: ranked.count > query.offset + query.limit ? query.offset + hits.count : nil)
    }

    /// How many matching items have each value of each of `facets`.
    func facetCounts(of items: some Sequence<Item>, facets: [String]) -> [FacetCount] {
        let matching = matches(items).map(\.item)
        var counts: [FacetCount] = []
        for facet in facets {
            var byValue: [String: Int] = [:]
            if facet == "type" {
                for item in matching { byValue[item.type, default: 0] += 1 }
            } else {
                let fields = (try? rules.facetFields(facet, in: types))?.map(\.name) ?? []
                for item in matching {
                    for value in Set(fields.flatMap { item.fields[$0]?.facetTexts ?? [] }) {
                        byValue[value, default: 0] += 1
                    }
                }
            }
            counts += byValue.map { FacetCount(facet: facet, value: $0.key, count: $0.value) }
        }
        return FacetCount.ordered(counts, facets: facets)
    }

    /// The live items that pass the query's conditions and match its text, with their rank.
    private func matches(_ items: some Sequence<Item>) -> [(item: Item, rank: Double)] {
        let typeNames = Set(types.map(\.name))
        return items.compactMap { item in
            guard item.deletedAt == nil, typeNames.contains(item.type),
                query.language == nil || item.language == query.language,
                query.statuses.isEmpty || query.statuses.contains(item.status),
                filters.allSatisfy({ filter in
                    filter.fields.contains {
                        item.fields[$0]?.facetTexts.contains(where: filter.values.contains) ?? false
                    }
                })
            else { return nil }
            return rank(item).map { (item, $0) }
        }
    }

    /// The weighted texts of an item: title 1, summary 0.4, body 0.2, other text 0.1.
    private static func parts(of item: Item) -> [(words: [String], weight: Double)] {
        var other: [String] = []
        for (name, value) in item.fields where name != "summary" && name != "body" { collect(value, into: &other) }
        return [
            (WebSearchQuery.words(item.title), 1.0),
            (WebSearchQuery.words(searchable(item, "summary")), 0.4),
            (WebSearchQuery.words(searchable(item, "body")), 0.2),
            (other.flatMap(WebSearchQuery.words), 0.1),
        ]
    }

    /// The part of the item's field `name` that a search reads (see ``SearchableText``).
    private static func searchable(_ item: Item, _ name: String) -> String {
        SearchableText.prefix(of: item.fields[name]?.textValue ?? "", field: name)
    }

    private static func collect(_ value: FieldValue, into texts: inout [String]) {
        switch value {
        case .text(let text): texts.append(text)
        case .list(let elements): for element in elements { collect(element, into: &texts) }
        case .object(let members): for member in members.values { collect(member, into: &texts) }
        default: break
        }
    }

    /// The rank of an item that satisfies every clause (the best weight of each clause's
    /// matching terms, summed), or `nil`.
    private func rank(_ item: Item) -> Double? {
        guard !parsed.clauses.isEmpty else { return nil }
        let parts = Self.parts(of: item)
        var rank = 0.0
        for clause in parsed.clauses {
            var best: Double?
            for term in clause {
                let weight = parts.filter { Self.contains($0.words, term.words) }.map(\.weight).max()
                if term.negated {
                    if weight == nil { best = max(best ?? 0, 0) }
                } else if let weight {
                    best = max(best ?? 0, weight)
                }
            }
            guard let best else { return nil }
            rank += best
        }
        return rank
    }

    /// Whether `words` hold `phrase`, each word of it starting a word of them, in order.
    private static func contains(_ words: [String], _ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, words.count >= phrase.count else { return false }
        return (0...(words.count - phrase.count)).contains { start in
            phrase.indices.allSatisfy { words[start + $0].hasPrefix(phrase[$0]) }
        }
    }

    /// About thirty words of the summary and body from a little before the first match,
    /// with the words of the query's terms marked.
    private func snippet(_ item: Item) -> Snippet {
        let text = ["summary", "body"].filter { item.fields[$0]?.textValue != nil }
            .map { Self.searchable(item, $0) }
            .joined(separator: " ")
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let wanted = parsed.clauses.flatMap { $0 }.filter { !$0.negated }.flatMap(\.words)
        let isMatch = { (token: String) in
            WebSearchQuery.words(token).contains { word in wanted.contains { word.hasPrefix($0) } }
        }
        let first = tokens.firstIndex(where: isMatch) ?? 0
        let window = tokens[max(0, first - 8)..<min(tokens.count, max(0, first - 8) + 30)]
        var parts: [Snippet.Part] = []
        for (index, token) in window.enumerated() {
            parts.append(Snippet.Part((index == 0 ? "" : " "), isMatch: false))
            parts.append(Snippet.Part(token, isMatch: isMatch(token)))
        }
        return Snippet(parts: parts.filter { !$0.text.isEmpty })
    }
}
