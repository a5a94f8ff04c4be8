extension ContentRules {
    /// Checks a search query before it runs.
    /// - Returns: the content types it covers (those named, or every type).
    /// - Throws: ``ValidationError`` for empty text, a page size out of range or an
    ///   unknown facet; ``ContentError`` for an unknown type.
    public func check(_ query: SearchQuery) throws -> [ContentType] {
        let types = try query.types.isEmpty ? registry.contentTypes : query.types.map { try type($0) }
        var issues: [ValidationIssue] = []
        if query.text.trimmingWhitespace().isEmpty {
            issues.append(ValidationIssue(field: "query", message: "is required: the words to look for"))
        }
        if !(1...1000).contains(query.limit) {
            issues.append(ValidationIssue(field: "limit", message: "must be from 1 to 1000"))
        }
        if query.offset < 0 { issues.append(ValidationIssue(field: "offset", message: "must not be negative")) }
        for filter in query.filters {
            guard filter.facet != "type" else {
                issues.append(ValidationIssue(field: "type", message: "is chosen with the query's types, not a filter"))
                continue
            }
            do {
                _ = try facetFields(filter.facet, in: types)
            } catch let error as ValidationError {
                issues += error.issues
            }
        }
        if !issues.isEmpty { throw ValidationError(issues: issues) }
        return types
    }

    /// The fields behind `facet` in `types`: those whose list filter or name it is and
    /// that are facets (``FieldSpec/isFacet``), one per field name.
    /// - Throws: ``ValidationError`` when no field of `types` is behind it.
    public func facetFields(_ facet: String, in types: [ContentType]) throws -> [FieldSpec] {
        var names = Set<String>()
        let fields = types.flatMap { type in
            type.fields.filter { field in
                (field.filterName == facet || field.name == facet) && field.isFacet && names.insert(field.name).inserted
            }
        }
        guard !fields.isEmpty else {
            let known = Set(types.flatMap { $0.fields.filter(\.isFacet).map(\.filterName) })
            throw ValidationError(issues: [
                ValidationIssue(
                    field: facet,
                    message: "is not a facet of " + types.map(\.plural).joined(separator: ", ") + " (facets: "
                        + (["type"] + known.sorted()).joined(separator: ", ") + ")"
                )
            ])
        }
        return fields
    }
}
