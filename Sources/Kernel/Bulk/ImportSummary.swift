/// What an import did (or, for a dry run, would do).
public struct ImportSummary: Sendable, Hashable {
    /// The durable job that recorded it; `nil` for a dry run or a refused file.
    public var job: Int64?
    /// The rows read from the file (the header not counted).
    public var rows: Int
    /// Items created.
    public var created: Int
    /// Items changed (each saved as a new revision).
    public var updated: Int
    /// Rows that matched an item holding the same content already.
    public var unchanged: Int
    /// Rows refused, with their reasons in ``problems`` (the first few) and the report file.
    public var rejected: Int
    /// The first rejected rows, in file order.
    public var problems: [RejectedRow]
    /// Whether nothing was written because it was a dry run.
    public var dryRun: Bool
    /// How many rows named no language, and so were given ``language``.
    public var rowsWithoutLanguage: Int
    /// The language given to rows that named none (the import's, or the tenant's default).
    public var language: String?

    /// An empty summary.
    public init(job: Int64? = nil, dryRun: Bool = false) {
        self.job = job
        rows = 0
        created = 0
        updated = 0
        unchanged = 0
        rejected = 0
        problems = []
        self.dryRun = dryRun
        rowsWithoutLanguage = 0
        language = nil
    }

    /// How many problems a summary keeps to show; the report file holds them all.
    public static let shownProblems = 20
}
