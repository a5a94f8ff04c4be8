internal import Foundation
internal import Kernel

/// `practice publish 42`: items moved along one transition of their workflow, by ids or
/// `--where`; a transition that starts or stops publication takes `--at`.
struct TransitionCommand: ShellCommand {
    let type: ContentType
    let transition: Transition

    var spec: CommandSpec {
        let noun = type.name
        let workflow = type.workflow
        let change = workflow.publishes(transition) ? "starts" : workflow.unpublishes(transition) ? "stops" : nil
        let at =
            change.map { change in
                [
                    FlagSpec(
                        "at",
                        summary: "when the public \(change) seeing it: an ISO 8601 time with its zone",
                        placeholder: "TIME"
                    )
                ]
            } ?? []
        return CommandSpec(
            noun: noun,
            verb: transition.name,
            summary: "move \(type.plural) from \(transition.from.joined(separator: " or ")) to \(transition.to)"
                + " (" + Role.allCases.filter(transition.roles.contains).map(\.rawValue).joined(separator: ", ")
                + ")",
            arguments: "ID...",
            flags: [
                FlagSpec(
                    "comment",
                    summary: transition.requiresComment ? "why (required)" : "why, kept with the item",
                    placeholder: "TEXT"
                )
            ] + ContentFlags.selection + at,
            examples: ["\(noun) list --status \(transition.from[0]) | \(noun) \(transition.name) --yes"]
                + (at.isEmpty ? [] : ["\(noun) \(transition.name) 42 --at 2026-12-01T09:00:00Z"]),
            mutates: true
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let arguments = invocation.arguments
        let at = try arguments.value("at").map { text in
            guard let date = ISO8601DateFormatter().date(from: text) else {
                throw CommandError.usage("--at takes an ISO 8601 time with its zone, such as 2026-12-01T09:00:00Z")
            }
            return date
        }
        let selection = try await invocation.select(type: type, tenant: tenant)
        if selection.ids.count > 20 {
            try invocation.confirm("\(transition.name) \(selection.ids.count) \(type.plural)")
        }
        let result = try await invocation.each(selection, of: type, in: tenant) { item in
            if item.status == transition.to { return .skipped("already \(item.status)") }
            return .done(
                try await invocation.store.transition(
                    id: item.id,
                    tenant: tenant,
                    name: transition.name,
                    expectedVersion: item.version,
                    author: invocation.user,
                    comment: arguments.value("comment"),
                    at: at
                )
            )
        }
        if arguments.has("dry-run") { return result.changeTable }
        if selection.ids.count == 1, let item = result.items.first {
            invocation.note("\(type.name) \(item.id) is now \(item.status)\(Renderer.schedule(item))")
        }
        if arguments.value("format") != nil { try invocation.show(.items(result.items)) }
        return .items(result.items)
    }
}
