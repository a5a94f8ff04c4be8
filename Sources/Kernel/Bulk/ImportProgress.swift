/// How far an import is, for a progress line.
public struct ImportProgress: Sendable, Hashable {
    /// The stage of the work.
    public enum Phase: String, Sendable, Hashable {
        /// Reading, validating and staging the file's rows.
        case reading
        /// Writing staged rows into the tenant's content, batch by batch.
        case merging
    }

    /// The stage.
    public var phase: Phase
    /// Rows done in this stage.
    public var done: Int
    /// Rows in all (estimated from the file's size while reading), when known.
    public var total: Int?

    /// A progress report.
    public init(phase: Phase, done: Int, total: Int?) {
        self.phase = phase
        self.done = done
        self.total = total
    }
}
