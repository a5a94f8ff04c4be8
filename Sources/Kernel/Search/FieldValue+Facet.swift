extension FieldValue {
    /// The value as a facet entry holds it: text as is, whole numbers in decimal, flags as
    /// `true` or `false`; `nil` for lists, objects and null.
    public var facetText: String? {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .list, .object, .null: nil
        }
    }

    /// The facet entries of a field's value: each element of a list, or the value itself.
    public var facetTexts: [String] {
        if case .list(let elements) = self { return elements.compactMap(\.facetText) }
        return facetText.map { [$0] } ?? []
    }
}
