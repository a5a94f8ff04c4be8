public import Kernel

/// `translation inbox`: the jobs waiting for the person connected, to translate or to
/// review.
public struct TranslationInboxCommand: Command {
    /// The command.
    public init() {}

    public var spec: CommandSpec {
        CommandSpec(
            noun: TranslationFlags.noun,
            verb: "inbox",
            summary: "the jobs waiting for you: to translate, or to review",
            examples: ["\(TranslationFlags.noun) inbox"]
        )
    }

    public func run(_ context: any CommandContext) async throws -> Records {
        let desk = try context.translationDesk()
        let tenant = try context.tenant()
        var query = try TranslationJobQuery(context.arguments)
        query.waitingFor = context.user
        let jobs = try await desk.jobs(query, tenant: tenant)
        if jobs.isEmpty { context.note("nothing waits for you in \(tenant)") }
        return try context.shown(jobs, onlyWithFormat: jobs.isEmpty)
    }
}
