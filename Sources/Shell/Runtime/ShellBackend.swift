public import Kernel

/// What the shell needs from the platform, implemented by the executable over the Store:
/// the shell itself depends on the Kernel only (and on the file formats of `Transfer`).
public protocol ShellBackend: Sendable {
    /// Where content lives.
    var store: any ContentStore { get }
    /// The person connected (`ana`), for the prompt and authorship.
    var user: String { get }
    /// Every tenant the person can see.
    func tenants() async throws -> [Tenant]
    /// Opens a transaction that later commands share.
    func begin() async throws
    /// Commits the open transaction.
    func commit() async throws
    /// Rolls the open transaction back.
    func rollback() async throws
    /// Whether a transaction is open.
    func inTransaction() async -> Bool
    /// Runs `body` and undoes everything it wrote, keeping what it returned.
    func dryRun<Value>(_ body: () async throws -> Value) async throws -> Value
    /// Runs a read-only SQL query under the person's own permissions.
    func sql(_ text: String) async throws -> Table
    /// The newest `limit` audit entries of `tenant` the person may read, of one item or
    /// one actor when given: when, who, what, on which item, and the command line.
    func audit(tenant: String, item: Int64?, actor: String?, limit: Int) async throws -> Table
    /// How many audit entries of `tenant` the person may read, of one item or person or all.
    func auditCount(tenant: String, item: Int64?, actor: String?) async throws -> Int
    /// Cancels the statement running now, from any thread (Ctrl-C).
    func cancel()
    /// Names the command line about to run, for the audit entries it writes (best effort:
    /// a failure here never stops the command).
    func willRun(_ command: String) async
    /// Connects again when the link to the server was lost since the last statement, and
    /// says so (`nil` when it held); a transaction block that was open is gone.
    func reconnectIfLost() async throws -> String?
    /// Tenants and people, when the platform offers managing them.
    var administration: (any Administration)? { get }
    /// Imports and exports, when the platform offers them.
    var transfer: (any BulkTransfer)? { get }
    /// The services plugins' commands ask for (``CommandContext/service(_:)``), such as a
    /// plugin's storage.
    var services: [any Sendable] { get }
}

extension ShellBackend {
    public func willRun(_ command: String) async {}
    public func reconnectIfLost() async throws -> String? { nil }
    public func audit(tenant: String, item: Int64?, actor: String?, limit: Int) async throws -> Table {
        throw CommandError("the audit log is not available here")
    }
    public func auditCount(tenant: String, item: Int64?, actor: String?) async throws -> Int {
        throw CommandError("the audit log is not available here")
    }
    public var administration: (any Administration)? { nil }
    public var transfer: (any BulkTransfer)? { nil }
    public var services: [any Sendable] { [] }
}
