internal import Kernel
internal import Postgres

/// Turns a ``SearchQuery`` into SQL, every value bound: the page of ranked hits with their
/// snippets, and the facet counts of every match.
///
/// The query text is read with the text-search configuration of each language searched,
/// and each item is matched (and ranked) with the reading of its own language, one GIN
/// index condition per language: `language = 'es' and search @@ websearch_to_tsquery(...)`.
/// The configurations are bound as constants (see ``SearchConfigurations``). Searching one
/// language, the reading is made once per call and the statement is prepared; over several,
/// each reading is a constant made while planning (see ``readsOnce``).
struct ItemSearchQuery {
    let query: SearchQuery
    /// The content types searched (checked by ``ContentRules/check(_:)``).
    let types: [ContentType]
    let rules: ContentRules
    let tenantID: Int64
    /// The languages searched: the query's, or every language of the tenant.
    let languages: [String]
    /// The text search configuration of each language searched.
    let configurations: [String: TextSearchConfiguration]
    /// Whether the public reader reads (see ``PublicReader``): no author, no private fields.
    var isPublic = false

    /// A search of `query` in the tenant `tenantID`, which publishes in `tenantLanguages`:
    /// in the query's language, or in every one of the tenant's, each with its configuration
    /// from `configurations` (read on `connection` when first searched).
    init(
        _ query: SearchQuery,
        tenantID: Int64,
        tenantLanguages: [String],
        rules: ContentRules,
        configurations: SearchConfigurations,
        on connection: isolated Connection
    ) throws {
        self.query = query
        types = try rules.check(query)
        self.rules = rules
        self.tenantID = tenantID
        languages = query.language.map { [$0] } ?? tenantLanguages
        self.configurations = try configurations.of(languages, on: connection)
    }

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
            select \(isPublic ? ItemColumns.publicList : ItemColumns.list), rank, \
            ts_headline(\(rowConfiguration), \
            concat_ws(' ', left(fields ->> 'summary', micic_searchable_length('summary')), \
            left(fields ->> 'body', micic_searchable_length('body'))), row_query, \
            \(Self.headlineOptions)) as snippet
            from (select tenant_id, \(innerColumns), ts_rank(search, \(rowQuery)) as rank, \(rowQuery) as row_query
            from \(source) where \(try conditions) order by rank desc, id desc limit \(query.limit + 1) offset \(query.offset)
            ) as items
            order by rank desc, id desc
            """
        }
    }

    /// The page of hits that ``statement`` reads on `connection`, without the extra row read
    /// to know whether another page follows.
    ///
    /// Its rows are read as they arrive, while the server makes the next ones' snippets.
    /// Searching one language, the statement is prepared (see ``readsOnce``).
    func page(tenant: String, on connection: isolated Connection) throws -> SearchPage {
        var hits: [SearchHit] = []
        hits.reserveCapacity(query.limit + 1)
        try ItemRowReader.stream(try statement, plan: plan, parsingFields: true, on: connection) { reader, row in
            hits.append(
                SearchHit(
                    item: try reader.item(from: row, tenant: tenant),
                    rank: try row.decode(column: "rank"),
                    snippet: Snippet(
                        marked: try row.decode(column: "snippet"),
                        open: Self.matchStart,
                        close: Self.matchEnd
                    )
                )
            )
        }
        var next: Int?
        if hits.count > query.limit {
            hits.removeLast()
            next = query.offset + hits.count
        }
        return SearchPage(hits: hits, next: next)
    }

    /// The counts of each value of each of `facets` (`type`: the content type) among every
    /// match: rows of facet, value and count (see ``FacetCountQuery``).
    func facetStatement(_ facets: [String]) throws -> Query {
        try FacetCountQuery(facets: facets, types: types, rules: rules)
            .statement(matches: "select id, type, facets from \(source) where \(try conditions)")
    }

    /// The item columns the page's subquery passes on.
    private var innerColumns: Query {
        Query(unsafeSQL: (isPublic ? ItemColumns.publicNames : ItemColumns.names).joined(separator: ", "))
    }

    /// Whether one language is searched: its reading of the query text is then made in a
    /// subquery of its own (``source``), once per call (`offset 0` keeps the planner from
    /// folding it into every use), and the statement is prepared, its plan made without the
    /// values serving every text. Over several languages each reading is written where it is
    /// used and planned with the values: the planner reads the index for an `or` of
    /// conditions only when their readings are constants.
    private var readsOnce: Bool { languages.count == 1 }

    /// The items, beside the reading of the query text (`query.q`) when ``readsOnce``.
    private var source: Query {
        guard readsOnce else { return "items" }
        return "(select \(inline(languages[0])) as q offset 0) as query, items"
    }

    /// How the statement is planned (see ``readsOnce``).
    private var plan: StatementPlan { readsOnce ? .prepared : .withValues }

    /// The reading of the query text in `language`.
    private func tsquery(_ language: String) -> Query {
        readsOnce ? "query.q" : inline(language)
    }

    /// The reading of the query text in `language`, made where it is written.
    private func inline(_ language: String) -> Query {
        "websearch_to_tsquery(\(configuration(language)), \(query.text))"
    }

    private func configuration(_ language: String) -> TextSearchConfiguration {
        configurations[language] ?? TextSearchConfiguration(name: "pg_catalog.simple")
    }

    /// The reading of the query text in the row's language.
    private var rowQuery: Query {
        inRowLanguage(tsquery)
    }

    /// The configuration of the row's language (every match is in a language searched).
    private var rowConfiguration: Query {
        inRowLanguage { "\(configuration($0))" }
    }

    /// `value` of the row's language: of the only language searched, or chosen by a case.
    private func inRowLanguage(_ value: (String) -> Query) -> Query {
        guard languages.count > 1 else { return value(languages.first ?? "simple") }
        return "(case language" + languages.map { " when \($0) then " + value($0) }.joined(separator: "") + " end)"
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
