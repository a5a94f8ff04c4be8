internal import Foundation

/// A local primary and its hot standbys on this machine, replicating by streaming.
///
/// The primary is the ``LocalCluster`` under `home` (the same one `micic db start` makes);
/// standby N lives under `home/standby-N`, with its own data directory, socket and log, and
/// streams from the primary through a replication slot of its own (`micic_standby_N`). The
/// rules are the local server's: unix sockets only, and run as root, every server runs as the
/// unprivileged service user.
///
/// ```swift
/// let set = LocalReplicaSet(home: home, standbys: 2)
/// try set.start()                            // the primary, then each standby
/// let writes = set.url()                     // every server, target_session_attrs=read-write
/// let reads = set.standbys[0].url()          // one standby, read-only
/// ```
public struct LocalReplicaSet: Sendable {
    /// The server that takes writes.
    public let primary: LocalCluster
    /// The hot standbys, in order.
    public let standbys: [LocalCluster]

    /// Describes a primary under `home` and `standbys` standbys; nothing happens until
    /// ``start()``. `settings` go into every server's `postgresql.conf` when it is made.
    public init(home: String, standbys count: Int, database: String = "micic", settings: [String: String] = [:]) {
        let primary = LocalCluster(home: home, database: database, settings: settings)
        self.primary = primary
        standbys = (0..<max(count, 0)).map {
            LocalCluster(home: Self.standbyHome(primary.home, number: $0 + 1), database: database, settings: settings)
        }
    }

    /// The primary under `home` with every standby made there before.
    public static func existing(home: String, database: String = "micic") -> LocalReplicaSet {
        let primary = LocalCluster(home: home, database: database)
        var count = 0
        while FileManager.default.fileExists(atPath: standbyHome(primary.home, number: count + 1) + "/data/PG_VERSION")
        {
            count += 1
        }
        return LocalReplicaSet(home: home, standbys: count, database: database)
    }

    /// Every server, the primary first.
    public var servers: [LocalCluster] { [primary] + standbys }

    /// Starts the primary (making it the first time), then makes and starts each standby.
    /// - Throws: ``LocalClusterError`` when a server cannot be made or started.
    public func start() throws {
        try primary.start()
        for (index, standby) in standbys.enumerated() {
            try standby.startAsStandby(of: primary, slot: "micic_standby_\(index + 1)")
        }
    }

    /// A URL that lists every server's socket and asks for the one that takes writes
    /// (`target_session_attrs=read-write`): after a standby is promoted, a new connection
    /// reaches it.
    public func url(database: String? = nil, user: String? = nil) -> String {
        let hosts = servers.map { $0.url(database: database, user: user) }
        guard let first = hosts.first, let query = first.range(of: "?host=") else { return primary.url() }
        let sockets = hosts.compactMap { url in
            url.range(of: "?host=").map { url[$0.upperBound...].prefix { $0 != "&" } }
        }
        return String(first[..<query.upperBound]) + sockets.joined(separator: ",") + "&port=\(primary.port)"
            + "&target_session_attrs=read-write"
    }

    /// Stops the standbys, then the primary.
    public func stop() throws {
        for standby in standbys.reversed() { try standby.stop() }
        try primary.stop()
    }

    /// Stops every server at once and deletes the whole directory (for throwaway sets).
    public func destroy() throws {
        for standby in standbys.reversed() { try standby.destroy() }
        try primary.destroy()
    }

    private static func standbyHome(_ home: String, number: Int) -> String {
        home + "/standby-\(number)"
    }
}
