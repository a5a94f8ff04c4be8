internal import Foundation
internal import Kernel

extension Interpreter {
    /// `search "WORDS"`: a page of ranked hits as a table (id, type, language, status, title,
    /// rank, snippet, or the `--fields` asked for), or with `--facets` the counts of every
    /// match by facet.
    func runSearch(_ spec: CommandSpec, _ arguments: CommandArguments, show: Bool) async throws -> Records {
        let tenant = try currentTenant(arguments)
        let query = try searchQuery(spec, arguments)
        let store = backend.store
        let table: Table
        if arguments.has("facets") {
            let counts = try await store.facetCounts(query, facets: SearchQuery.repositoryFacets, tenant: tenant)
            table = Table(
                columns: ["facet", "value", "label", "count"],
                rows: counts.map { [$0.facet, $0.value, facetLabel($0), String($0.count)] }
            )
        } else if show, try format(arguments) == .count {
            // Every match, not the page: the count of each type's matches, added up.
            let counts = try await store.facetCounts(query, facets: ["type"], tenant: tenant)
            try emit("\(counts.reduce(0) { $0 + $1.count })\n", format: .count, arguments)
            return .none
        } else {
            let page = try await store.search(query, tenant: tenant)
            if let next = page.next {
                note("(more results follow: add --offset \(next), or a higher --limit)", arguments)
            }
            let format = try self.format(arguments)
            let bold = format == .table && console.width != nil && console.colour && arguments.outputFile == nil
            let (open, close) = bold ? ("\u{1b}[1m", "\u{1b}[22m") : ("**", "**")
            let columns =
                arguments.value("fields").map(ValueParser.splitList)
                ?? ["id", "type", "language", "status", "title", "rank", "snippet"]
            table = Table(
                columns: columns,
                rows: page.hits.map { hit in
                    columns.map { column in
                        switch column {
                        case "rank": String(format: "%.4f", hit.rank)
                        case "snippet": hit.snippet.text(open: open, close: close)
                        default: renderer.cell(hit.item, column)
                        }
                    }
                }
            )
        }
        if show { try self.show(.table(table), arguments) }
        return .table(table)
    }

    /// The query the words and flags describe, checked against the registered types.
    private func searchQuery(_ spec: CommandSpec, _ arguments: CommandArguments) throws -> SearchQuery {
        guard !arguments.positional.isEmpty else {
            throw CommandError.usage("search needs the words to look for: search \"evacuation drills\"")
        }
        let registry = catalog.registry
        var query = SearchQuery(
            text: arguments.positional.joined(separator: " "),
            language: arguments.value("language")
        )
        var types = registry.contentTypes
        if let names = arguments.values["type"] {
            types = try names.flatMap(ValueParser.splitList).map { name in
                guard let type = registry.contentType(name) else {
                    throw CommandError.usage(
                        "--type \(name): the types are " + registry.contentTypes.map(\.name).joined(separator: ", ")
                    )
                }
                return type
            }
            query.types = types.map(\.name)
        }
        query.statuses = arguments.values["status"].map { $0.flatMap(ValueParser.splitList) } ?? []
        let states = Set(types.flatMap(\.workflow.states))
        for status in query.statuses where !states.contains(status) {
            throw CommandError.usage("--status \(status): the states are " + states.sorted().joined(separator: ", "))
        }
        if let limit = try arguments.wholeNumber("limit", in: 1...1000) { query.limit = limit }
        if let offset = try arguments.wholeNumber("offset", in: 0...Int.max) { query.offset = offset }
        for flag in spec.flags where !CommandCatalog.searchOptions.contains(flag.name) && !flag.isOutputFile {
            guard let texts = arguments.values[flag.name] else { continue }
            let fields = types.flatMap { $0.fields.filter { $0.filterName == flag.name && $0.isFacet } }
            guard let field = fields.first else {
                throw CommandError.usage(
                    "--\(flag.name) is not a facet of " + types.map(\.plural).joined(separator: ", ")
                )
            }
            query.filters.append(FacetFilter(flag.name, try Invocation.filterValues(texts, for: field)))
        }
        return query
    }

    /// The label of a facet's value: the content type's, or the vocabulary term's.
    private func facetLabel(_ count: FacetCount) -> String? {
        if count.facet == "type" { return catalog.registry.contentType(count.value)?.label }
        let fields = catalog.registry.contentTypes.flatMap(\.fields).filter { $0.filterName == count.facet }
        for field in fields {
            if let term = field.kind.vocabulary?.terms.first(where: { $0.code == count.value }) { return term.label }
        }
        return nil
    }
}
