public import struct Foundation.Date

/// A durable import: the file it reads, how far it got, and what it did so far.
public struct ImportJob: Sendable, Hashable {
    /// The job's id (`job resume ID`).
    public var id: Int64
    /// The tenant it imports into.
    public var tenant: String
    /// The content type, or `nil` for a tenant's file.
    public var type: String?
    /// The file it reads.
    public var file: String
    /// `merging` while unfinished, then `finished`.
    public var state: String
    /// Whether a session is working on it now (otherwise an unfinished job was interrupted).
    public var isRunning: Bool
    /// The rows the file holds.
    public var rows: Int
    /// The last line merged: everything up to it is written, exactly once.
    public var checkpoint: Int
    /// Items created, updated and left unchanged so far, and rows rejected.
    public var created: Int
    public var updated: Int
    public var unchanged: Int
    public var rejected: Int
    /// Who started it.
    public var startedBy: String
    /// When it started.
    public var startedAt: Date
    /// When it last wrote a batch.
    public var updatedAt: Date

    /// A job.
    public init(
        id: Int64,
        tenant: String,
        type: String?,
        file: String,
        state: String,
        isRunning: Bool,
        rows: Int,
        checkpoint: Int,
        created: Int,
        updated: Int,
        unchanged: Int,
        rejected: Int,
        startedBy: String,
        startedAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.tenant = tenant
        self.type = type
        self.file = file
        self.state = state
        self.isRunning = isRunning
        self.rows = rows
        self.checkpoint = checkpoint
        self.created = created
        self.updated = updated
        self.unchanged = unchanged
        self.rejected = rejected
        self.startedBy = startedBy
        self.startedAt = startedAt
        self.updatedAt = updatedAt
    }
}
