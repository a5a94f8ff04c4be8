import LocalPostgres

/// The database `micic` uses when none is configured: the single local server under
/// `MICIC_HOME`, or the failover formation `micic db start --failover` made there.
enum LocalDatabase {
    /// One server (with the standbys `db start --standbys N` made beside it, if any).
    case server(LocalCluster)
    /// A pg_auto_failover monitor and two data nodes.
    case formation(LocalFailoverCluster)

    /// The one under `MICIC_HOME` (or the default data directory): a formation when one was
    /// made there.
    static var current: LocalDatabase {
        let home = LocalCluster.defaultHome()
        return LocalFailoverCluster.exists(at: home)
            ? .formation(LocalFailoverCluster(home: home)) : .server(LocalCluster(home: home))
    }

    /// The directory that holds it.
    var home: String {
        switch self {
        case .server(let cluster): cluster.home
        case .formation(let formation): formation.home
        }
    }

    /// A URL as `user` (default: the superuser) through the sockets; a formation's names both
    /// nodes and asks for the one that takes writes.
    func url(user: String? = nil) -> String {
        switch self {
        case .server(let cluster): cluster.url(user: user)
        case .formation(let formation): formation.url(user: user)
        }
    }

    /// Starts it, making it the first time, with the platform's database.
    /// - Throws: ``LocalClusterFailure`` when a server cannot be made or started.
    func start() async throws {
        do {
            switch self {
            case .server(let cluster):
                try cluster.start()
                try await cluster.createDatabase(cluster.database)
            case .formation(let formation):
                // The formation's first node was made with the database.
                try formation.start()
            }
        } catch let error as LocalClusterError {
            throw LocalClusterFailure(underlying: error)
        }
    }
}
