/// One search result: the item, how well it matches, and a passage of its text with the
/// matching words marked.
public struct SearchHit: Sendable, Hashable {
    /// The item.
    public let item: Item
    /// Its relevance: higher is better; comparable within one result list only.
    public let rank: Double
    /// A passage of the summary and body around the matches.
    public let snippet: Snippet

    /// A hit.
    public init(item: Item, rank: Double, snippet: Snippet) {
        self.item = item
        self.rank = rank
        self.snippet = snippet
    }
}
