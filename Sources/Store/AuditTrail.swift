public import Postgres

/// The audit log as the shell shows it, and the command line its entries keep.
///
/// The database writes the entries itself (see the kernel's audit migrations); an entry
/// takes its command from the session's `micic.command`, which ``noteCommand(_:on:)`` sets.
///
/// ```swift
/// try AuditTrail().noteCommand("practice approve 42", on: connection)
/// let entries = try AuditTrail().entries(tenant: "cr", item: 42, actor: nil, limit: 20, on: connection)
/// ```
public struct AuditTrail: Sendable {
    /// The audit trail.
    public init() {}

    /// The tenant's entries the person connected may see, newest first: `at`, `actor`,
    /// `action`, `type`, `item`, `command`.
    /// - Parameters:
    ///   - item: only the entries of this item.
    ///   - actor: only the entries of this person.
    public func entries(
        tenant: String,
        item: Int64?,
        actor: String?,
        limit: Int,
        on connection: isolated Connection
    ) throws -> QueryResult {
        // Newest first by id (the table's key), through the item index when one is named.
        var query: Query = "select a.at, a.actor, a.action, a.item_type as type, a.item_id as item, a.command"
        query.append(Self.selection(tenant: tenant, item: item, actor: actor))
        query.append(" order by a.id desc limit \(limit)")
        return try connection.query(query)
    }

    /// How many entries ``entries(tenant:item:actor:limit:on:)`` would list without a limit.
    public func count(tenant: String, item: Int64?, actor: String?, on connection: isolated Connection) throws -> Int {
        var query: Query = "select count(*)"
        query.append(Self.selection(tenant: tenant, item: item, actor: actor))
        return try connection.query(query)[0].decode(Int.self, at: 0)
    }

    /// The audit entries of `tenant` (of one item, or by one person, when named).
    private static func selection(tenant: String, item: Int64?, actor: String?) -> Query {
        """
         from audit_log a join tenants t on t.id = a.tenant_id
        where t.code = \(tenant) and (\(item)::bigint is null or a.item_id = \(item))
          and (\(actor)::text is null or a.actor = \(actor))
        """
    }

    /// The session setting that names the command line behind the audit entries.
    static let commandSetting = "micic.command"

    /// Sets the session's `micic.command`, which the audit entries of what follows take as
    /// their command; the line is cut at 1,000 characters.
    public func noteCommand(_ command: String, on connection: isolated Connection) throws {
        _ = try connection.query(
            "select set_config(\(Self.commandSetting), \(String(command.prefix(1_000))), false)"
        )
    }
}
