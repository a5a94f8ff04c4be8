/// How many items of a search's results have one value of one facet.
public struct FacetCount: Sendable, Hashable {
    /// The facet (`type`, `phase`, `country`, ...).
    public let facet: String
    /// The value, as stored (`preparedness`, `CR`, `practice`).
    public let value: String
    /// The number of matching items with that value.
    public let count: Int

    /// A count.
    public init(facet: String, value: String, count: Int) {
        self.facet = facet
        self.value = value
        self.count = count
    }
}

extension FacetCount {
    /// `counts` in the order of `facets`, then most frequent first, then by value.
    public static func ordered(_ counts: [FacetCount], facets: [String]) -> [FacetCount] {
        let position = Dictionary(facets.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return counts.sorted {
            (position[$0.facet] ?? facets.count, -$0.count, $0.value) < (
                position[$1.facet] ?? facets.count, -$1.count, $1.value
            )
        }
    }
}
