internal import Kernel
internal import Postgres

/// Counts the values of facets among the items a statement selects: rows of facet, value
/// and count. Facets with no field in `types` are left out; `type` is the content type.
struct FacetCountQuery {
    /// The facets to count, by list-filter name.
    let facets: [String]
    /// The content types the items may have.
    let types: [ContentType]
    let rules: ContentRules

    /// The counts in the rows of a statement.
    static func counts(_ rows: QueryResult) throws -> [FacetCount] {
        try rows.map { row in
            FacetCount(
                facet: try row.decode(column: "facet"),
                value: try row.decode(column: "value"),
                count: try row.decode(column: "count")
            )
        }
    }

    /// The statement over `matches`, a selection of the items' `id`, `type` and `facets`.
    func statement(matches: Query) throws -> Query {
        var fields: [String] = []
        var names: [String] = []
        // An item holds a value once per field (lists refuse repeats), so it counts once per
        // value unless one of its types has two fields behind the same facet.
        var repeats = false
        for facet in facets where facet != "type" {
            for field in (try? rules.facetFields(facet, in: types)) ?? [] {
                fields.append(field.name)
                names.append(facet)
            }
            repeats =
                repeats
                || types.contains { type in
                    type.fields.filter { ($0.filterName == facet || $0.name == facet) && $0.isFacet }.count > 1
                }
        }
        let count: Query = repeats ? "count(distinct m.id)" : "count(*)"
        var parts: [Query] = []
        if facets.contains("type") {
            parts.append("select 'type' as facet, type as value, count(*) as count from matches group by type")
        }
        if !fields.isEmpty {
            parts.append(
                """
                select f.facet, substr(m.entry, length(f.field) + 2) as value, \(count) as count
                from (select id, unnest(facets) as entry from matches) as m
                join unnest(\(fields)::text[], \(names)::text[]) as f(field, facet) on split_part(m.entry, '=', 1) = f.field
                group by f.facet, value
                """
            )
        }
        guard !parts.isEmpty else { return "select null::text as facet, null::text as value, 0 as count where false" }
        return "with matches as (" + matches + ") " + parts.joined(separator: " union all ")
    }
}
