/// The states an item moves through and the transitions between them.
///
/// ```swift
/// let simple = Workflow(name: "simple", states: ["draft", "published"], initialState: "draft",
///                       publishedStates: ["published"],
///                       transitions: [Transition("publish", from: ["draft"], to: "published", roles: [.editor, .admin])])
/// ```
public struct Workflow: Sendable, Hashable {
    /// The workflow's name.
    public let name: String
    /// Every state, in the order people think of them.
    public let states: [String]
    /// The state a new item starts in.
    public let initialState: String
    /// The states in which the public sees an item.
    public let publishedStates: Set<String>
    /// The transitions.
    public let transitions: [Transition]

    /// A workflow; every transition must name known states.
    public init(
        name: String,
        states: [String],
        initialState: String,
        publishedStates: Set<String>,
        transitions: [Transition]
    ) {
        precondition(states.contains(initialState), "the initial state must be a state")
        precondition(publishedStates.isSubset(of: states), "the published states must be states")
        precondition(
            transitions.allSatisfy { states.contains($0.to) && $0.from.allSatisfy(states.contains) },
            "transitions must use the workflow's states"
        )
        precondition(Set(transitions.map(\.name)).count == transitions.count, "transition names must be unique")
        self.name = name
        self.states = states
        self.initialState = initialState
        self.publishedStates = publishedStates
        self.transitions = transitions
    }

    /// The transition called `name`.
    public func transition(_ name: String) -> Transition? {
        transitions.first { $0.name == name }
    }

    /// The published states in the order of ``states``.
    public var orderedPublishedStates: [String] {
        states.filter(publishedStates.contains)
    }

    /// The first published state in the order of ``states`` (where content that is simply
    /// "published" goes), or `nil` for a workflow that never shows anything.
    public var publishedState: String? {
        orderedPublishedStates.first
    }

    /// Whether `transition` brings content to the public: it leads to a published state
    /// from states that are not all published. Such a transition may be scheduled (`--at`
    /// sets the start of public view).
    public func publishes(_ transition: Transition) -> Bool {
        publishedStates.contains(transition.to) && !transition.from.allSatisfy(publishedStates.contains)
    }

    /// Whether `transition` takes content away from the public: it leaves published states
    /// only, for one that is not. Such a transition may be scheduled (`--at` sets the end of
    /// public view).
    public func unpublishes(_ transition: Transition) -> Bool {
        !publishedStates.contains(transition.to) && !transition.from.isEmpty
            && transition.from.allSatisfy(publishedStates.contains)
    }

    /// The editorial workflow every content type adopts: editors write and submit,
    /// reviewers approve or request changes, editors publish approved content, admins may
    /// do everything.
    public static let editorial = Workflow(
        name: "editorial",
        states: ["draft", "in_review", "changes_requested", "approved", "published", "archived"],
        initialState: "draft",
        publishedStates: ["published"],
        transitions: [
            Transition("submit", from: ["draft", "changes_requested"], to: "in_review", roles: [.editor, .admin]),
            Transition(
                "request-changes",
                from: ["in_review"],
                to: "changes_requested",
                roles: [.reviewer, .admin],
                requiresComment: true
            ),
            Transition("approve", from: ["in_review"], to: "approved", roles: [.reviewer, .admin]),
            Transition("publish", from: ["approved"], to: "published", roles: [.editor, .admin]),
            Transition("unpublish", from: ["published"], to: "approved", roles: [.editor, .admin]),
            Transition("archive", from: ["draft", "approved", "published"], to: "archived", roles: [.editor, .admin]),
            Transition("reopen", from: ["archived"], to: "draft", roles: [.editor, .admin]),
        ]
    )
}
