internal import Foundation
internal import Kernel

/// `practice history 42`: an item's revisions, with the steps of its translation's job.
struct HistoryCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        CommandSpec(
            noun: type.name,
            verb: "history",
            summary: "the revisions of a \(type.name)",
            arguments: "ID",
            examples: ["\(type.name) history 42"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let store = invocation.store
        let item = try await invocation.find(one: type, tenant: tenant)
        let revisions = try await store.history(id: item.id, tenant: tenant)
        // Editorial transitions save a revision (with their comment); a translation job's
        // steps do not, so its thread joins the history from the workflow events.
        let jobSteps = try await store.events(id: item.id, tenant: tenant).filter {
            $0.transition.hasPrefix("translation-")
        }
        let formatter = ISO8601DateFormatter()
        let rows =
            revisions.map { ($0.createdAt, [String($0.version), $0.author, $0.status, $0.title, $0.message]) }
            + jobSteps.map { step in
                let name = step.transition.replacing("translation-", with: "translation ")
                return (
                    step.at, ["", step.actor, "job: \(step.to)", "", step.comment.map { "\(name): \($0)" } ?? name]
                )
            }
        let table = Table(
            columns: ["version", "date", "author", "status", "title", "message"],
            rows: rows.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map { entry in
                let (date, cells) = entry.element
                return [cells[0], formatter.string(from: date)] + cells.dropFirst().map { $0 }
            }
        )
        try invocation.show(.table(table))
        return .table(table)
    }
}
