public import Kernel

/// `translation list`: the tenant's translation jobs, overdue and soonest due first.
public struct ListTranslationJobsCommand: Command {
    /// The command.
    public init() {}

    public var spec: CommandSpec {
        CommandSpec(
            noun: TranslationFlags.noun,
            verb: "list",
            summary: "list translation jobs, overdue and soonest due first",
            flags: [TranslationFlags.language, TranslationFlags.status, TranslationFlags.source],
            examples: ["\(TranslationFlags.noun) list --language es --status submitted"]
        )
    }

    public func run(_ context: any CommandContext) async throws -> Records {
        let desk = try context.translationDesk()
        let tenant = try context.tenant()
        let jobs = try await desk.jobs(try TranslationJobQuery(context.arguments), tenant: tenant)
        return try context.shown(jobs)
    }
}
