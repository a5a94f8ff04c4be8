public import Kernel
public import Postgres

extension Connection {
    /// Workflow `name` as the database holds it (what `micic migrate` wrote), transitions in
    /// name order; `nil` when it holds none of that name.
    public func storedWorkflow(_ name: String) throws -> Workflow? {
        let header = try query(
            "select states, initial_state, published_states from workflows where name = \(name)"
        )
        guard let row = header.first else { return nil }
        let transitions = try query(
            """
            select name, from_states, to_state, roles, requires_comment from workflow_transitions
            where workflow = \(name) order by name
            """
        ).map { row in
            Transition(
                try row.decode(column: "name"),
                from: try row.decode(column: "from_states"),
                to: try row.decode(column: "to_state"),
                roles: Set(try row.decode([String].self, column: "roles").compactMap(Role.init(rawValue:))),
                requiresComment: try row.decode(column: "requires_comment")
            )
        }
        return Workflow(
            name: name,
            states: try row.decode(column: "states"),
            initialState: try row.decode(column: "initial_state"),
            publishedStates: Set(try row.decode([String].self, column: "published_states")),
            transitions: transitions
        )
    }
}

extension Workflow {
    /// The same workflow with its transitions in name order, as the database lists them.
    public var inNameOrder: Workflow {
        Workflow(
            name: name,
            states: states,
            initialState: initialState,
            publishedStates: publishedStates,
            transitions: transitions.sorted { $0.name < $1.name }
        )
    }
}
