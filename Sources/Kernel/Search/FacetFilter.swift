/// A search condition on a facet: the item has at least one of the values.
///
/// A facet is named like the list filter of its field (`country`, `phase`), so one facet
/// covers every content type whose field filters under that name: `country` is a
/// practice's `countries` and an event's `country`.
///
/// ```swift
/// FacetFilter("phase", [.text("preparedness"), .text("post_crisis")])
/// ```
public struct FacetFilter: Sendable, Hashable {
    /// The facet: a field's list-filter name, or its field name.
    public var facet: String
    /// The values, any of which matches.
    public var values: [FieldValue]

    /// A condition.
    public init(_ facet: String, _ values: [FieldValue]) {
        self.facet = facet
        self.values = values
    }
}
