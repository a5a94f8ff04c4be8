internal import Foundation
internal import Kernel

/// `practice history 42`: an item's revisions, with the steps other workflows took on it
/// (its translation job's).
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
        // The item's own transitions save a revision (with their comment); the steps of
        // another workflow on it (a translation job's, recorded as `translation-approve`) do
        // not, so they join the history from the workflow events.
        let others = invocation.registry.workflows.map(\.name).filter { $0 != type.workflow.name }
        let steps = try await store.events(id: item.id, tenant: tenant).compactMap { event in
            others.first { event.transition.hasPrefix($0 + "-") }.map { (workflow: $0, event: event) }
        }
        let formatter = ISO8601DateFormatter()
        let rows =
            revisions.map { ($0.createdAt, [String($0.version), $0.author, $0.status, $0.title, $0.message]) }
            + steps.map { workflow, step in
                let name = workflow + " " + step.transition.dropFirst(workflow.count + 1)
                return (
                    step.at,
                    ["", step.actor, "\(workflow): \(step.to)", "", step.comment.map { "\(name): \($0)" } ?? name]
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
