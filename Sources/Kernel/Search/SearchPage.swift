/// One page of search results, best first.
public struct SearchPage: Sendable {
    /// The hits.
    public let hits: [SearchHit]
    /// The offset of the next page; `nil` on the last page.
    public let next: Int?

    /// A page.
    public init(hits: [SearchHit], next: Int?) {
        self.hits = hits
        self.next = next
    }
}
