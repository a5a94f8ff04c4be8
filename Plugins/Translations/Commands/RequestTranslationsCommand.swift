public import Kernel

/// `translation request [TYPE] ID... --to LANGS`: a job per item and language, with its
/// target item.
public struct RequestTranslationsCommand: Command {
    /// The command.
    public init() {}

    public var spec: CommandSpec {
        let noun = TranslationFlags.noun
        return CommandSpec(
            noun: noun,
            verb: "request",
            summary: "ask for translations of items into other languages (editors)",
            arguments: "[TYPE] ID...",
            flags: [
                FlagSpec.language("to", summary: "target languages, separated by commas", several: true),
                FlagSpec(
                    "translator",
                    summary: "who translates (default: any translator of the language)",
                    placeholder: "PERSON"
                ),
                FlagSpec(
                    "reviewer",
                    summary: "who reviews (default: any reviewer of the language)",
                    placeholder: "PERSON"
                ),
                FlagSpec("due", summary: "when the translations are due (YYYY-MM-DD)", placeholder: "DATE"),
            ],
            examples: [
                "\(noun) request practice 42 --to es,fr --translator ana --reviewer luis --due 2026-12-15",
                "practice list --status published --format ids | \(noun) request --to en",
            ],
            mutates: true
        )
    }

    public func run(_ context: any CommandContext) async throws -> Records {
        let desk = try context.translationDesk()
        let tenant = try context.tenant()
        let arguments = context.arguments
        guard let languages = arguments.value("to").map(ValueParser.splitList), !languages.isEmpty else {
            throw CommandError.usage("translation request needs --to LANGS (the target languages)")
        }
        var due: CalendarDate?
        if let text = arguments.value("due") {
            guard let date = CalendarDate(text) else {
                throw CommandError.usage("--due takes a date written YYYY-MM-DD")
            }
            due = date
        }
        // `translation request practice 42 43` names the items' type, and checks it.
        var sources = arguments.positional
        var type: ContentType?
        if let first = sources.first, Int64(first) == nil {
            type = context.registry.contentType(first)
            if type != nil { sources.removeFirst() }
        }
        let ids = try self.ids(sources)
        if let type {
            for id in ids { _ = try await context.item(id, of: type, tenant: tenant) }
        }
        var jobs: [TranslationJob] = []
        for id in ids {
            let request = TranslationRequest(
                sourceID: id,
                languages: languages,
                translator: arguments.value("translator"),
                reviewer: arguments.value("reviewer"),
                due: due
            )
            jobs += try await desk.request(request, tenant: tenant, author: context.user)
        }
        context.note("requested \(jobs.count) translation\(jobs.count == 1 ? "" : "s")")
        return try context.shown(jobs, onlyWithFormat: true)
    }

    /// The items' ids among `words` (the arguments after the type, if one was named).
    /// - Throws: a usage error when there are none or one is not a number.
    private func ids(_ words: [String]) throws -> [Int64] {
        guard !words.isEmpty else {
            throw CommandError.usage("\(spec.name) needs ids (\(spec.arguments)), given or piped: help \(spec.name)")
        }
        return try words.flatMap(ValueParser.splitList).map { text in
            guard let id = Int64(text) else { throw CommandError.usage("'\(text)' is not an id") }
            return id
        }
    }
}
