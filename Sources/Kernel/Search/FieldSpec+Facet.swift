extension FieldSpec {
    /// Whether the field is a search facet: its values are short codes or names (not long
    /// text, dates or rows) that anyone in the tenant may read (not private).
    public var isFacet: Bool {
        !isPrivate && Self.isFacet(kind)
    }

    private static func isFacet(_ kind: FieldKind) -> Bool {
        switch kind {
        case .markdown, .rows, .date, .dateTime: false
        case .list(let element, _): isFacet(element)
        default: true
        }
    }
}
