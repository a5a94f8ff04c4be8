public import Kernel

/// `translation submit JOB...` and the other transitions of ``Workflow/translation``
/// (one command each): moves jobs, each checked on its own, and reports those that failed.
public struct TranslationTransitionCommand: Command {
    /// The transition it takes.
    public let transition: Transition

    /// The command taking `transition`.
    public init(_ transition: Transition) {
        self.transition = transition
    }

    public var spec: CommandSpec {
        let noun = TranslationFlags.noun
        return CommandSpec(
            noun: noun,
            verb: transition.name,
            summary: "move translation jobs from \(transition.from.joined(separator: " or ")) to \(transition.to) ("
                + Role.allCases.filter(transition.roles.contains).map(\.rawValue).joined(separator: ", ") + ")",
            arguments: "JOB...",
            flags: [
                FlagSpec(
                    "comment",
                    summary: transition.requiresComment ? "why (required)" : "why, kept with the translation",
                    placeholder: "TEXT"
                )
            ],
            examples: ["\(noun) \(transition.name) 7" + (transition.requiresComment ? " --comment \"...\"" : "")],
            mutates: true
        )
    }

    public func run(_ context: any CommandContext) async throws -> Records {
        let desk = try context.translationDesk()
        let tenant = try context.tenant()
        let jobIDs = try context.ids(for: spec)
        if jobIDs.count > 20 { try context.confirm("\(transition.name) \(jobIDs.count) translation jobs") }
        let outcomes = try await desk.transition(
            jobs: jobIDs,
            name: transition.name,
            comment: context.arguments.value("comment"),
            expectedVersions: [:],
            tenant: tenant,
            author: context.user
        )
        var done: [TranslationJob] = []
        var failures: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .done(let job): done.append(job)
            case .failed(let id, let reason): failures.append("\(id): \(reason)")
            }
        }
        if jobIDs.count == 1, let job = done.first {
            context.note("translation job \(job.id) is now \(job.status)")
        } else if jobIDs.count > 1 {
            context.note("\(transition.name): \(done.count) done, \(failures.count) failed")
        }
        if jobIDs.count == 1, let failure = failures.first {
            throw CommandError(String(failure.drop { $0 != " " }.dropFirst()))
        }
        for failure in failures { context.warn("  failed \(failure)") }
        let records = try context.shown(done, onlyWithFormat: true)
        if !failures.isEmpty {
            throw CommandError("\(failures.count) of \(jobIDs.count) failed", partial: !done.isEmpty)
        }
        return records
    }
}
