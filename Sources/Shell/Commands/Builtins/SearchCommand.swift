internal import Foundation
internal import Kernel

/// `search "WORDS"`: a page of ranked hits as a table (id, type, language, status, title,
/// rank, snippet, or the `--fields` asked for), or with `--facets` the counts of every
/// match by facet.
struct SearchCommand: ShellCommand {
    /// The registered types, whose facets are its filters.
    let registry: PluginRegistry

    /// The names of its own flags; the others filter facets.
    static let options: Set<String> = ["type", "language", "status", "limit", "offset", "facets"]

    /// Its own flags, then one filter per facet of the registered types (the list filters'
    /// names: `--country`, `--phase`), each completing every type's values.
    var spec: CommandSpec {
        let types = registry.contentTypes
        var flags = [
            FlagSpec(
                "type",
                summary: "content types to search, separated by commas",
                values: types.map(\.name),
                placeholder: "TYPE"
            ),
            FlagSpec.language("language", summary: "the language to search (default: every one of the tenant)"),
            FlagSpec(
                "status",
                summary: "workflow states, separated by commas",
                values: Self.unique(types.flatMap(\.workflow.states)),
                placeholder: "STATE"
            ),
            FlagSpec("limit", summary: "results per page (default 20, at most 1000)", placeholder: "N"),
            FlagSpec("offset", summary: "skip this many of the best results (the next page)", placeholder: "N"),
            FlagSpec(
                "facets",
                takesValue: false,
                summary: "count the results by type, phase, crisis type, country and guideline instead"
            ),
        ]
        let taken = Self.options.union(FlagSpec.global.map(\.name))
        var facets: [String: [FieldSpec]] = [:]
        var order: [String] = []
        for field in types.flatMap(\.fields) where field.isFacet && !taken.contains(field.filterName) {
            if facets[field.filterName] == nil { order.append(field.filterName) }
            facets[field.filterName, default: []].append(field)
        }
        for name in order {
            let fields = facets[name]!
            flags.append(
                FlagSpec(
                    name,
                    summary: "\(fields[0].label): \(fields[0].kind.summary)",
                    values: Self.unique(fields.flatMap { $0.kind.vocabulary?.terms.map(\.code) ?? [] }),
                    placeholder: fields[0].name.uppercased()
                )
            )
        }
        var spec = CommandSpec(
            noun: nil,
            verb: "search",
            summary: "find content by its words, best matches first",
            arguments: "\"WORDS\"",
            flags: flags,
            examples: [
                "search \"evacuation drills\" --type practice --language en",
                "search '\"consular staff\" training -online or workshop' --country CR --phase preparedness",
                "search migrantes --language es --facets",
                "search flood --format json --fields id,title,rank,snippet",
                "search flood --type practice --format ids | practice show",
            ]
        )
        spec.notes = [
            "Words match in any inflection of each item's language (migrantes finds migrante);",
            "\"quoted words\" must come together, -word must not appear, and or accepts either side.",
            "Titles weigh most, then summaries, bodies and the other text fields.",
            "Columns: id, type, language, status, title, rank, snippet, or any with --fields.",
            "The snippet shows matches in bold on a terminal, and between ** elsewhere (**flood**).",
        ]
        return spec
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let arguments = invocation.arguments
        let shell = invocation.shell
        let query = try query(invocation.spec, arguments)
        let store = invocation.store
        let table: Table
        if arguments.has("facets") {
            let counts = try await store.facetCounts(query, facets: SearchQuery.repositoryFacets, tenant: tenant)
            table = Table(
                columns: ["facet", "value", "label", "count"],
                rows: counts.map { [$0.facet, $0.value, facetLabel($0), String($0.count)] }
            )
        } else if invocation.showsOutput, try shell.format(arguments) == .count {
            // Every match, not the page: the count of each type's matches, added up.
            let counts = try await store.facetCounts(query, facets: ["type"], tenant: tenant)
            try shell.emit("\(counts.reduce(0) { $0 + $1.count })\n", format: .count, arguments)
            return .none
        } else {
            let page = try await store.search(query, tenant: tenant)
            if let next = page.next {
                invocation.note("(more results follow: add --offset \(next), or a higher --limit)")
            }
            let format = try shell.format(arguments)
            let bold =
                format == .table && shell.console.width != nil && shell.console.colour && arguments.outputFile == nil
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
                        default: shell.renderer.cell(hit.item, column)
                        }
                    }
                }
            )
        }
        try invocation.show(.table(table))
        return .table(table)
    }

    /// The query the words and flags describe, checked against the registered types.
    private func query(_ spec: CommandSpec, _ arguments: CommandArguments) throws -> SearchQuery {
        guard !arguments.positional.isEmpty else {
            throw CommandError.usage("search needs the words to look for: search \"evacuation drills\"")
        }
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
        query.statuses = arguments.list("status")
        let states = Set(types.flatMap(\.workflow.states))
        for status in query.statuses where !states.contains(status) {
            throw CommandError.usage("--status \(status): the states are " + states.sorted().joined(separator: ", "))
        }
        if let limit = try arguments.wholeNumber("limit", in: 1...1000) { query.limit = limit }
        if let offset = try arguments.wholeNumber("offset", in: 0...Int.max) { query.offset = offset }
        for flag in spec.flags where !Self.options.contains(flag.name) && !flag.isOutputFile {
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
        if count.facet == "type" { return registry.contentType(count.value)?.label }
        let fields = registry.contentTypes.flatMap(\.fields).filter { $0.filterName == count.facet }
        for field in fields {
            if let term = field.kind.vocabulary?.terms.first(where: { $0.code == count.value }) { return term.label }
        }
        return nil
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
