internal import Foundation
internal import Kernel

/// `job list`: the unfinished import jobs (`--all`: every one).
struct JobListCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "job",
            verb: "list",
            summary: "list unfinished import jobs (--all: every one)",
            flags: [FlagSpec("all", takesValue: false, summary: "finished jobs too")],
            examples: ["job list", "job list --all --format csv"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let arguments = invocation.arguments
        let transfer = try invocation.transfer
        let jobs = try await transfer.importJobs(
            tenant: arguments.value("tenant") ?? invocation.shell.tenant,
            all: arguments.has("all")
        )
        let formatter = ISO8601DateFormatter()
        let table = Table(
            columns: [
                "id", "tenant", "type", "state", "rows", "checkpoint", "created", "updated", "unchanged",
                "rejected",
                "started_by", "started", "file",
            ],
            rows: jobs.map { job in
                [
                    String(job.id), job.tenant, job.type ?? "(all)",
                    job.state == "finished" ? "finished" : job.isRunning ? "running" : "interrupted",
                    String(job.rows), String(job.checkpoint), String(job.created), String(job.updated),
                    String(job.unchanged), String(job.rejected), job.startedBy,
                    formatter.string(from: job.startedAt),
                    job.file,
                ]
            }
        )
        try invocation.show(.table(table))
        if jobs.isEmpty && !arguments.has("all") { invocation.note("no unfinished import jobs") }
        return .table(table)
    }
}
