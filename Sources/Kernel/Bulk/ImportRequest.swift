/// What to import, from where, and how.
///
/// ```swift
/// var request = ImportRequest(tenant: "cr", type: "practice", file: "/data/practices.csv", format: .csv)
/// request.onError = .skip
/// request.report = "/data/rejected.csv"
/// ```
public struct ImportRequest: Sendable, Hashable {
    /// What a file with bad rows does.
    public enum OnError: String, Sendable, Hashable, CaseIterable {
        /// Nothing is written from a file with a bad row (the default).
        case stop
        /// The good rows are imported; the bad ones are reported.
        case skip
    }

    /// The tenant that receives the items.
    public var tenant: String
    /// The content type of every row; `nil` for a tenant's file, whose rows name their type.
    public var type: String?
    /// The file, by absolute path (a resumed job reads it again).
    public var file: String
    /// Its format.
    public var format: TransferFormat
    /// What identifies an item across imports: `slug` (with the type and language), or the
    /// name of a field holding an external id.
    public var key: String
    /// What bad rows do.
    public var onError: OnError
    /// Only validate and count what would change; write nothing.
    public var dryRun: Bool
    /// A file to write the rejected rows to, as CSV (line, field, reason).
    public var report: String?
    /// Column (or key) names of the file renamed to field names: `["Name": "title"]`.
    public var columnMap: [String: String]
    /// How many rows each transaction merges (one checkpoint each).
    public var batchSize: Int
    /// Why, kept with every revision the import saves.
    public var message: String?
    /// The language of the rows that name none; `nil`: the tenant's default language.
    public var language: String?

    /// A request with the defaults: key `slug`, stop on error, batches of 5,000 rows.
    public init(tenant: String, type: String?, file: String, format: TransferFormat) {
        self.tenant = tenant
        self.type = type
        self.file = file
        self.format = format
        key = "slug"
        onError = .stop
        dryRun = false
        report = nil
        columnMap = [:]
        batchSize = 5_000
        message = nil
        language = nil
    }
}
