/// Which translation jobs to read.
public struct TranslationJobQuery: Sendable, Hashable {
    /// Only these jobs (empty: any).
    public var ids: [Int64]
    /// Only jobs into this language.
    public var language: String?
    /// Only jobs in these states (empty: any).
    public var statuses: [String]
    /// Only jobs of this source item.
    public var sourceID: Int64?
    /// Only the job writing this target item.
    public var targetID: Int64?
    /// Only jobs waiting for this person: as translator (requested, in progress, changes
    /// requested, outdated) or as reviewer (submitted), including unassigned jobs in the
    /// languages they work in.
    public var waitingFor: String?

    /// A query; with no arguments, every job.
    public init(
        ids: [Int64] = [],
        language: String? = nil,
        statuses: [String] = [],
        sourceID: Int64? = nil,
        targetID: Int64? = nil,
        waitingFor: String? = nil
    ) {
        self.ids = ids
        self.language = language
        self.statuses = statuses
        self.sourceID = sourceID
        self.targetID = targetID
        self.waitingFor = waitingFor
    }
}
