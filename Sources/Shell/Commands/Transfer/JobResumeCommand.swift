internal import Kernel

/// `job resume ID`: an interrupted import finished from its last checkpoint.
struct JobResumeCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "job",
            verb: "resume",
            summary: "finish an interrupted import from its last checkpoint",
            arguments: "ID",
            examples: ["job resume 12"],
            mutates: true,
            dryRun: .refused(
                "(an import commits as it goes); try the file first with import TYPE FILE --dry-run"
            )
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let arguments = invocation.arguments
        let transfer = try invocation.transfer
        guard arguments.positional.count == 1, let id = Int64(arguments.positional[0]) else {
            throw CommandError.usage("job resume needs one job id (job list shows them)")
        }
        let summary = try await invocation.withImportProgress { progress, stop in
            try await transfer.resumeImport(job: id, progress: progress, stop: stop)
        }
        try invocation.report(summary)
        return .none
    }
}
