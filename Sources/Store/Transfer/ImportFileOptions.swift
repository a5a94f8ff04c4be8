/// Where an import reads its rows and writes its rejections, and how many rows each
/// transaction merges: the details of a command, beside the Kernel's ``ImportRequest``. The
/// file and the batch size are kept with the job, so a resumed one reads the same file the
/// same way.
///
/// ```swift
/// let options = ImportFileOptions(file: "/data/practices.csv", report: "/data/rejected.csv")
/// let summary = try ItemImport(store: store).run(request, from: options, on: connection)
/// ```
public struct ImportFileOptions: Sendable, Hashable {
    /// How many rows a transaction merges when nothing else is said.
    public static let defaultBatchSize = 5_000

    /// The file, by absolute path (a resumed job reads it again).
    public var file: String
    /// A file to write the rejected rows to, as CSV (line, field, reason).
    public var report: String?
    /// How many rows each transaction merges (one checkpoint each).
    public var batchSize: Int
    /// How many connections merge batches at once: 2 (the default) lets a second
    /// connection, as the same person, merge every other batch; 1 merges on one.
    public var workers: Int

    /// Options for reading `file`, writing rejections to `report`, merging `batchSize` rows
    /// at a time (by default ``defaultBatchSize``) on `workers` connections.
    public init(file: String, report: String? = nil, batchSize: Int? = nil, workers: Int = 2) {
        self.file = file
        self.report = report
        self.batchSize = batchSize ?? Self.defaultBatchSize
        self.workers = workers
    }
}
