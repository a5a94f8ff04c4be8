import Kernel

/// A plugin that exists for the tests only: a content type of its own whose three-state
/// workflow is nothing like the editorial one. Its `check` is taken by viewers, a role no
/// other item workflow lets move anything; `retract` needs a comment. It adds a command of
/// its own, `bulletin board`.
struct BulletinPlugin: Plugin {
    /// The bulletins' workflow.
    static let workflow = Workflow(
        name: "bulletin",
        states: ["draft", "checked", "live"],
        initialState: "draft",
        publishedStates: ["live"],
        transitions: [
            Transition("check", from: ["draft"], to: "checked", roles: [.viewer, .admin]),
            Transition("go-live", from: ["checked"], to: "live", roles: [.editor, .admin]),
            Transition(
                "retract",
                from: ["checked", "live"],
                to: "draft",
                roles: [.editor, .admin],
                requiresComment: true
            ),
        ]
    )

    /// A short notice.
    static let bulletin = ContentType(
        name: "bulletin",
        plural: "bulletins",
        label: "Bulletin",
        fields: [FieldSpec("body", .markdown(maxLength: 2_000))],
        workflow: workflow
    )

    var name: String { "bulletins" }
    var contentTypes: [ContentType] { [Self.bulletin] }
    var commands: [any Command] { [BoardCommand()] }
}
