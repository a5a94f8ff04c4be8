public import Kernel

extension Workflow {
    /// The workflow a translation job follows: translators start and submit, reviewers
    /// approve or request changes, editors publish approved translations (or approval
    /// publishes them, per tenant), and a change to the source makes a job outdated until
    /// its translator submits it again.
    public static let translation = Workflow(
        name: "translation",
        states: ["requested", "in_progress", "submitted", "changes_requested", "approved", "published", "outdated"],
        initialState: "requested",
        publishedStates: ["published"],
        transitions: [
            Transition("start", from: ["requested"], to: "in_progress", roles: [.translator, .admin]),
            Transition(
                "submit",
                from: ["requested", "in_progress", "changes_requested", "outdated"],
                to: "submitted",
                roles: [.translator, .admin]
            ),
            Transition(
                "request-changes",
                from: ["submitted"],
                to: "changes_requested",
                roles: [.reviewer, .admin],
                requiresComment: true
            ),
            Transition("approve", from: ["submitted"], to: "approved", roles: [.reviewer, .admin]),
            Transition("publish", from: ["approved"], to: "published", roles: [.editor, .admin]),
            Transition(
                "outdate",
                from: ["in_progress", "submitted", "changes_requested", "approved", "published"],
                to: "outdated",
                roles: [.editor, .admin]
            ),
        ]
    )
}
