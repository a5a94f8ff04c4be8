internal import Kernel

extension CommandCatalog {
    /// The names of `search`'s own flags; the others filter facets.
    static let searchOptions: Set<String> = ["type", "language", "status", "limit", "offset", "facets"]

    /// `search`: its own flags, then one filter per facet of the registered types (the
    /// list filters' names: `--country`, `--phase`), each completing every type's values.
    static func search(_ registry: PluginRegistry) -> CommandSpec {
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
                values: unique(types.flatMap(\.workflow.states)),
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
        let taken = searchOptions.union(FlagSpec.global.map(\.name))
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
                    values: unique(fields.flatMap { $0.kind.vocabulary?.terms.map(\.code) ?? [] }),
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

    private static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}
