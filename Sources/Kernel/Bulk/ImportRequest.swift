/// What to import and how: the tenant, the type of the rows, their format, how rows meet
/// items, and what bad rows do. Where the rows come from (a file), where rejections go and how
/// many rows each transaction merges are the command's and the store's business, not the
/// Kernel's.
///
/// ```swift
/// var request = ImportRequest(tenant: "cr", type: "practice", format: .csv)
/// request.onError = .skip
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
    /// The rows' format.
    public var format: TransferFormat
    /// What identifies an item across imports: `slug` (with the type and language), or the
    /// name of a field holding an external id.
    public var key: String
    /// What bad rows do.
    public var onError: OnError
    /// Only validate and count what would change; write nothing.
    public var dryRun: Bool
    /// Column (or key) names of the file renamed to field names: `["Name": "title"]`.
    public var columnMap: [String: String]
    /// Why, kept with every revision the import saves.
    public var message: String?
    /// The language of the rows that name none; `nil`: the tenant's default language.
    public var language: String?

    /// A request with the defaults: key `slug`, stop on error.
    public init(tenant: String, type: String?, format: TransferFormat) {
        self.tenant = tenant
        self.type = type
        self.format = format
        key = "slug"
        onError = .stop
        dryRun = false
        columnMap = [:]
        message = nil
        language = nil
    }
}
