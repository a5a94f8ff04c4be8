public import Foundation
public import Kernel

extension Migration {
    /// Every migration of the platform `registry` describes: the files of the kernel's
    /// folder and of each plugin's (in `directory`), then the definitions of its workflows
    /// and content types.
    /// - Throws: ``MigrationError`` when a folder is missing or a file unreadable.
    public static func all(for registry: PluginRegistry, from directory: URL, kernel: String) throws -> [Migration] {
        try load(from: directory, folders: registry.schemaFolders(kernel: kernel)) + definitions(of: registry)
    }

    /// The definitions `registry` declares, which the database enforces: each workflow
    /// (`workflow/NAME`), then each plugin's content types (`content-types/PLUGIN`), then each
    /// plugin's workflow effects (`effects/PLUGIN`).
    public static func definitions(of registry: PluginRegistry) -> [Migration] {
        let workflows = registry.workflows.map { workflow in
            Migration(name: "workflow/" + workflow.name, defining: .workflow, document: document(workflow.definition))
        }
        let types = registry.plugins.filter { !$0.contentTypes.isEmpty }.map { plugin in
            let types: [[String: Any]] = plugin.contentTypes.map { ["name": $0.name, "workflow": $0.workflow.name] }
            return Migration(
                name: "content-types/" + plugin.name,
                defining: .contentTypes,
                document: document(["plugin": plugin.name, "types": types])
            )
        }
        let effects = registry.plugins.filter { !$0.effects.isEmpty }.map { plugin in
            let rows: [[String: Any]] = plugin.effects.flatMap { effect in
                registry.states(entering: effect).map {
                    ["workflow": $0.workflow, "state": $0.state, "effect": effect.name]
                }
            }
            return Migration(
                name: "effects/" + plugin.name,
                defining: .effects,
                document: document(["plugin": plugin.name, "effects": rows])
            )
        }
        return workflows + types + effects
    }

    /// The JSON text of `object`, keys sorted, so that an unchanged declaration keeps its
    /// checksum.
    private static func document(_ object: [String: Any]) -> String {
        // Dictionaries of strings, booleans and arrays of them always serialise.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

extension Workflow {
    /// The workflow as `micic_define_workflow` reads it.
    fileprivate var definition: [String: Any] {
        [
            "name": name,
            "states": states,
            "initial_state": initialState,
            "published_states": orderedPublishedStates,
            "transitions": transitions.map { transition -> [String: Any] in
                [
                    "name": transition.name,
                    "from": transition.from,
                    "to": transition.to,
                    "roles": Role.allCases.filter(transition.roles.contains).map(\.rawValue),
                    "requires_comment": transition.requiresComment,
                ]
            },
        ]
    }
}
