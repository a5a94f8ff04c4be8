public import Kernel

/// `translation outdated`: the fields whose source changed since they were translated,
/// with the change word by word.
public struct OutdatedTranslationsCommand: Command {
    /// The command.
    public init() {}

    public var spec: CommandSpec {
        CommandSpec(
            noun: TranslationFlags.noun,
            verb: "outdated",
            summary: "the fields whose source changed since they were translated, with the change",
            flags: [TranslationFlags.language, TranslationFlags.source],
            examples: ["\(TranslationFlags.noun) outdated --language es"]
        )
    }

    public func run(_ context: any CommandContext) async throws -> Records {
        let desk = try context.translationDesk()
        let tenant = try context.tenant()
        let fields = try await desk.outdated(try TranslationJobQuery(context.arguments), tenant: tenant)
        let table = Table(
            columns: ["id", "field", "change", "before", "after"],
            rows: fields.map { field in
                let before = field.before.map(\.lineText) ?? ""
                let after = field.after.map(\.lineText) ?? ""
                return [String(field.jobID), field.field, WordDiff.between(before, after), before, after]
            }
        )
        if fields.isEmpty { context.note("no translation is outdated") }
        try context.show(.table(table), fields: ["id", "field", "change"])
        return .table(table)
    }
}
