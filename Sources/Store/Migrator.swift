internal import Foundation
public import Postgres

/// Applies migrations in order, each in its own transaction, and records each one's name
/// and checksum in `micic_migrations`.
///
/// A file that was applied and has since changed stops the run before anything is applied;
/// a definition from the registry that changed is applied again.
/// A session-level advisory lock makes concurrent runners take turns, so each file is
/// applied once.
///
/// ```swift
/// let migrator = Migrator(migrations: try Migration.load(from: Schema.directory, folders: ["kernel"]))
/// let applied = try await connection.run { try migrator.migrate(on: $0) }
/// ```
public struct Migrator: Sendable {
    /// The migrations, in the order they apply.
    public let migrations: [Migration]

    /// A runner for `migrations`.
    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// The advisory lock key that serialises runners (`micicmig` in ASCII).
    static let lockKey = 0x6D69_6369_636D_6967

    /// Applies the pending migrations.
    /// - Returns: the names applied, in order (empty when nothing was pending).
    /// - Throws: ``MigrationError`` for a database not in UTF8, or for a changed or failing
    ///   file (the failing file is rolled back; the ones before it stay applied).
    @discardableResult
    public func migrate(on connection: isolated Connection) throws -> [String] {
        try connection.execute("select pg_advisory_lock(\(Self.lockKey))")
        defer { _ = try? connection.execute("select pg_advisory_unlock(\(Self.lockKey))") }
        // Content comes in every language, and the store reads the server's text as UTF-8
        // without checking it again: only a UTF8 database checks every string it stores.
        let encoding = try connection.query("select current_setting('server_encoding')")[0].decode(String.self, at: 0)
        guard encoding == "UTF8" else { throw MigrationError.encoding(encoding) }
        try ensureTable(on: connection)
        let recorded = try recordedChecksums(on: connection)
        var pending: [(Migration, String)] = []
        for (migration, checksum) in zip(migrations, try Self.checksums(of: migrations, on: connection)) {
            if let applied = recorded[migration.name] {
                if applied != checksum {
                    guard migration.isRepeatable else {
                        throw MigrationError.changed(migration.name, recorded: applied, current: checksum)
                    }
                    pending.append((migration, checksum))
                }
            } else {
                pending.append((migration, checksum))
            }
        }
        for (migration, checksum) in pending {
            do {
                try connection.withTransaction { connection in
                    try migration.apply(on: connection)
                    try connection.execute(
                        """
                        insert into micic_migrations (name, checksum) values (\(migration.name), \(checksum))
                        on conflict (name) do update set checksum = excluded.checksum, applied_at = now()
                        """
                    )
                }
            } catch {
                throw MigrationError.failed(migration.name, error)
            }
        }
        return pending.map(\.0.name)
    }

    /// Each migration's state, without changing anything.
    public func status(on connection: isolated Connection) throws -> [MigrationStatus] {
        let tableExists = try connection.query("select to_regclass('micic_migrations') is not null")[0]
            .decode(Bool.self, at: 0)
        var applied: [String: (String, Date)] = [:]
        if tableExists {
            for row in try connection.query("select name, checksum, applied_at from micic_migrations") {
                applied[try row.decode(column: "name")] = (
                    try row.decode(column: "checksum"), try row.decode(column: "applied_at")
                )
            }
        }
        return zip(migrations, try Self.checksums(of: migrations, on: connection)).map { migration, current in
            guard let (checksum, date) = applied[migration.name] else {
                return MigrationStatus(name: migration.name, state: .pending)
            }
            guard current != checksum else { return MigrationStatus(name: migration.name, state: .applied(date)) }
            return MigrationStatus(name: migration.name, state: migration.isRepeatable ? .redefined : .changed)
        }
    }

    /// Whether any migration is pending or changed: a cheap check for start-up.
    public func needsMigration(on connection: isolated Connection) throws -> Bool {
        try status(on: connection).contains { status in
            if case .applied = status.state { return false }
            return true
        }
    }

    private func ensureTable(on connection: isolated Connection) throws {
        try connection.execute(
            """
            create table if not exists micic_migrations (
                name text primary key,
                checksum text not null,
                applied_at timestamptz not null default now()
            )
            """
        )
    }

    private func recordedChecksums(on connection: isolated Connection) throws -> [String: String] {
        var checksums: [String: String] = [:]
        for row in try connection.query("select name, checksum from micic_migrations") {
            checksums[try row.decode(column: "name")] = try row.decode(column: "checksum")
        }
        return checksums
    }

    /// The SHA-256 of each file's text, computed by the server in one round trip.
    static func checksums(of migrations: [Migration], on connection: isolated Connection) throws -> [String] {
        let texts = migrations.map(\.sql)
        return try connection.query(
            """
            select encode(sha256(convert_to(sql, 'UTF8')), 'hex')
            from unnest(\(texts)) with ordinality as file(sql, position) order by position
            """
        ).map { try $0.decode(String.self, at: 0) }
    }
}
