extension [FieldSpec] {
    /// `values` with each value of a known field in its stored form
    /// (``FieldKind/canonical(_:)``); values of unknown fields are left for validation to
    /// report.
    ///
    /// ```swift
    /// practice.fields.canonical(["countries": .list([.text("cr")])])   // ["countries": ["CR"]]
    /// ```
    public func canonical(_ values: [String: FieldValue]) -> [String: FieldValue] {
        var canonical = values
        for spec in self {
            if let value = values[spec.name] { canonical[spec.name] = spec.kind.canonical(value) }
        }
        return canonical
    }
}
