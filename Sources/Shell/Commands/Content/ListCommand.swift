internal import Kernel

/// `practice list`: a content type's items, filtered by state and fields, page by page.
struct ListCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        let noun = type.name
        var filters: [FlagSpec] = [
            FlagSpec(
                "status",
                summary: "workflow states, separated by commas",
                values: type.workflow.states,
                placeholder: "STATE"
            ),
            FlagSpec.language("language", summary: "the language version to list"),
            FlagSpec("limit", summary: "rows per page (default 50, at most 1000)", placeholder: "N"),
            FlagSpec("all", takesValue: false, summary: "every page, not only the first"),
            FlagSpec(
                "sort",
                summary: "-updated (default), updated, title or id",
                values: ItemSort.allCases.map(\.rawValue),
                placeholder: "ORDER"
            ),
            FlagSpec("trash", takesValue: false, summary: "list trashed items instead"),
            FlagSpec("public", takesValue: false, summary: "only what the public sees now (published, in schedule)"),
            FlagSpec(
                "fallback",
                takesValue: false,
                summary: "with --language es-MX: each item once, in es-MX, else es, else the tenant's default"
            ),
            FlagSpec("author", summary: "authors, separated by commas", placeholder: "PERSON"),
        ]
        for field in type.fields where !field.isPrivate {
            switch field.kind {
            case .date, .dateTime:
                filters.append(
                    FlagSpec(
                        "\(field.filterName)-after",
                        summary: "\(field.label) on or after (YYYY-MM-DD)",
                        placeholder: "DATE"
                    )
                )
                filters.append(
                    FlagSpec(
                        "\(field.filterName)-before",
                        summary: "\(field.label) before (YYYY-MM-DD)",
                        placeholder: "DATE"
                    )
                )
            case .markdown, .rows:
                continue
            default:
                filters.append(
                    FlagSpec(
                        field.filterName,
                        summary: "\(field.label): \(field.kind.summary)",
                        values: field.kind.vocabulary?.terms.map(\.code) ?? [],
                        placeholder: field.name.uppercased()
                    )
                )
            }
        }
        let exampleFilter =
            ContentFlags.exampleField(of: type).flatMap { field in
                field.kind.vocabulary?.terms.first.map { "--\(field.filterName) \($0.code)" }
            } ?? ""
        return CommandSpec(
            noun: noun,
            verb: "list",
            summary: "list \(type.plural), filtered by state and fields",
            flags: filters,
            examples: [
                "\(noun) list --status draft \(exampleFilter) --fields id,title,status",
                "\(noun) list --format json --limit 5",
            ]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let arguments = invocation.arguments
        let store = invocation.store
        var query = try invocation.listQuery(type: type, arguments)
        if arguments.has("fallback") {
            guard let language = query.language else {
                throw CommandError.usage("--fallback needs --language (the language wanted first)")
            }
            let fallback = try await store.tenant(tenant).defaultLanguage
            query.fallbackLanguages = LanguageTag.fallbacks(for: language, then: fallback)
        }
        if invocation.showsOutput, try invocation.shell.format(arguments) == .count {
            // A count is the number of matches, counted by the database, not a page read.
            try invocation.shell.emit("\(try await store.count(query, tenant: tenant))\n", format: .count, arguments)
            return .none
        }
        var items: [Item] = []
        let progress = Progress("reading \(type.plural)", total: nil, write: invocation.shell.console.progress)
        defer { progress.finish() }
        while true {
            let page = try await store.list(query, tenant: tenant)
            items += page.items
            progress.update(items.count)
            if invocation.isInterrupted { throw CommandError("interrupted after \(items.count) \(type.plural)") }
            guard let next = page.next else { break }
            guard arguments.has("all") else {
                invocation.note("(more \(type.plural) follow: add --all, or a higher --limit)")
                break
            }
            query.after = next
        }
        try invocation.show(.items(items))
        return .items(items)
    }
}
