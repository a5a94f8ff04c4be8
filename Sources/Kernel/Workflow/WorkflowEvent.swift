public import struct Foundation.Date

/// One step an item (or its translation job) took through a workflow, and what was said.
public struct WorkflowEvent: Sendable, Hashable {
    /// The item.
    public var itemID: Int64
    /// The transition (`request-changes`; `translation-approve` for a translation job).
    public var transition: String
    /// The state before.
    public var from: String
    /// The state after.
    public var to: String
    /// Who took it.
    public var actor: String
    /// What they said.
    public var comment: String?
    /// When.
    public var at: Date

    /// An event.
    public init(itemID: Int64, transition: String, from: String, to: String, actor: String, comment: String?, at: Date)
    {
        self.itemID = itemID
        self.transition = transition
        self.from = from
        self.to = to
        self.actor = actor
        self.comment = comment
        self.at = at
    }
}
