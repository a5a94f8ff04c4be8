internal import Kernel
internal import Postgres

/// Turns a ``SearchQuery`` into SQL, every value bound: the page of ranked hits with their
/// snippets, and the facet counts of every match.
///
/// The query text is read with the text-search configuration of each language searched,
/// and each item is matched (and ranked) with the reading of its own language, one GIN
/// index condition per language: `language = 'es' and search @@ websearch_to_tsquery(...)`.
/// Unnamed statements are planned with their values, so each reading is computed once,
/// while planning.
struct ItemSearchQuery {
    let query: SearchQuery
    /// The content types searched (checked by ``ContentRules/check(_:)``).
    let types: [ContentType]
    let rules: ContentRules
    let tenantID: Int64
    /// The languages searched: the query's, or every language of the tenant.
    let languages: [String]

    /// Where a snippet's matches start and end in `ts_headline`'s output: characters of
    /// Unicode's private use area, which content has no reason to hold (one that did would
    /// only see its snippet marked oddly).
    static let (matchStart, matchEnd): (Character, Character) = ("\u{E000}", "\u{E001}")

    /// At most two passages of up to 30 words from the summary and body, around the matches.
    private static let headlineOptions =
        "StartSel=\"\(matchStart)\", StopSel=\"\(matchEnd)\", MaxWords=30, MinWords=12, MaxFragments=2, "
        + "FragmentDelimiter=\" … \""

    /// The page: one row more than the page size, to know whether another page follows.
    var statement: Query {
        get throws {
            """
            select \(ItemColumns.list), rank, ts_headline(micic_search_config(language), \
            concat_ws(' ', left(fields ->> 'summary', 20000), left(fields ->> 'body', 50000)), \(rowQuery), \
            \(Self.headlineOptions)) as snippet
            from (select tenant_id, id, type, language, translation_of, slug, title, status, version, fields, author, \
            created_at, updated_at, deleted_at, publish_at, unpublish_at, ts_rank(search, \(rowQuery)) as rank
            from items where \(try conditions) order by rank desc, id desc limit \(query.limit + 1) offset \(query.offset)
            ) as items
            order by rank desc, id desc
            """
        }
    }

    /// The counts of each value of each of `facets` (`type`: the content type) among every
    /// match: rows of facet, value and count. Facets with no field in the searched types are
    /// left out.
    func facetStatement(_ facets: [String]) throws -> Query {
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
        return "with matches as (select id, type, facets from items where \(try conditions)) "
            + parts.joined(separator: " union all ")
    }

    /// The reading of the query text in `language`.
    private func tsquery(_ language: String) -> Query {
        "websearch_to_tsquery(micic_search_config(\(language)), \(query.text))"
    }

    /// The reading of the query text in the row's language.
    private var rowQuery: Query {
        guard languages.count > 1 else { return tsquery(languages.first ?? "simple") }
        return "(case language" + languages.map { " when \($0) then " + tsquery($0) }.joined(separator: "")
            + " end)"
    }

    /// What every match satisfies.
    private var conditions: Query {
        get throws {
            var sql: Query = "tenant_id = \(tenantID) and deleted_at is null and ("
            sql.append(
                languages.map { "language = \($0) and search @@ " + tsquery($0) }.joined(separator: " or ")
            )
            sql.append(")")
            if !query.types.isEmpty { sql.append(" and type = any(\(types.map(\.name)))") }
            if !query.statuses.isEmpty { sql.append(" and status = any(\(query.statuses))") }
            for filter in query.filters {
                let fields = try rules.facetFields(filter.facet, in: types)
                // Facets (see the kernel's item_facets migration) hold "field=value" entries.
                let entries = fields.flatMap { field in
                    filter.values.flatMap(\.facetTexts).map { field.name + "=" + $0 }
                }
                sql.append(" and facets && \(entries)::text[]")
            }
            return sql
        }
    }
}
