internal import Foundation
internal import Postgres

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A private PostgreSQL cluster under one directory, reached only through a unix socket.
///
/// The cluster is made with `initdb` the first time and started with `pg_ctl`. Run as root
/// (containers, CI), where `initdb` refuses to work, the server runs as an unprivileged
/// system user (`postgres` when the server package created it, else `micic`).
///
/// ```swift
/// let cluster = LocalCluster(home: LocalCluster.defaultHome())
/// try cluster.start()                       // creates, starts, makes the database
/// let configuration = try ConnectionConfiguration(url: cluster.url())
/// ```
public struct LocalCluster: Sendable {
    /// The directory that holds everything: `data/`, `run/` (the socket), `postgres.log`.
    public let home: String
    /// The database the platform uses.
    public let database: String
    /// Server settings written into `postgresql.conf` when the cluster is made.
    public let settings: [String: String]
    /// The superuser made by `initdb`, used to create databases and roles.
    public let superuser = "postgres"
    /// The socket's port number (the socket file is `.s.PGSQL.<port>`).
    public let port = 5432

    /// Describes a cluster; nothing happens until ``start()``.
    public init(home: String, database: String = "micic", settings: [String: String] = [:]) {
        // The socket directory must be absolute, or libpq takes it for a host name.
        self.home = home.hasPrefix("/") ? home : FileManager.default.currentDirectoryPath + "/" + home
        self.database = database
        self.settings = settings
    }

    /// `$MICIC_HOME`; else, as root, `/var/lib/micic`; else `$XDG_DATA_HOME/micic` or
    /// `~/.local/share/micic`.
    public static func defaultHome(environment: [String: String]? = nil) -> String {
        let environment = environment ?? ProcessInfo.processInfo.environment
        if let home = environment["MICIC_HOME"], !home.isEmpty { return home }
        if geteuid() == 0 { return "/var/lib/micic" }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/micic" }
        let user = environment["HOME"] ?? NSHomeDirectory()
        return user + "/.local/share/micic"
    }

    /// The role the operating-system user `name` works as: the name folded to what a role
    /// name may hold, kept apart from the ``superuser``, whose connections pass row-level
    /// security by: a `postgres` account works as `postgres_local`.
    public func personName(forSystemUser name: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._@-")
        var person = String(name.lowercased().map { allowed.contains($0) ? $0 : "_" })
        if let first = person.first, !first.isLetter && first != "_" { person = "_" + person }
        if person.isEmpty { person = "admin" }
        person = String(person.prefix(63))
        return person == superuser ? person + "_local" : person
    }

    public var dataDirectory: String { home + "/data" }
    public var socketDirectory: String { home + "/run" }
    public var logFile: String { home + "/postgres.log" }

    /// A connection URL for `database` over the cluster's socket, as `user` (the superuser
    /// by default; the socket trusts every role).
    public func url(database: String? = nil, user: String? = nil) -> String {
        let host = socketDirectory.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? socketDirectory
        let role = (user ?? superuser).addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? superuser
        return "postgresql://\(role)@/\(database ?? self.database)?host=\(host)&port=\(port)"
    }

    /// Whether the server runs, is stopped, or was never made.
    public enum Status: Sendable, Equatable {
        case running(pid: Int)
        case stopped
        case notCreated
    }

    /// The cluster's state, from `pg_ctl status`.
    public func status() throws -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION") else { return .notCreated }
        let programs = try ServerPrograms.locate()
        let (code, output) = try runner.run(programs.pgCtl, ["status", "-D", dataDirectory])
        guard code == 0 else { return .stopped }
        let pid = output.split(separator: "PID: ").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        return .running(pid: pid)
    }

    /// Makes the cluster if needed, starts it if it is not running, and creates the
    /// database if it is missing. Safe to call from several processes at once.
    public func start() throws {
        let files = FileManager.default
        try files.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileLock.withLock(at: home + "/cluster.lock") {
            let programs = try ServerPrograms.locate()
            if !files.fileExists(atPath: dataDirectory + "/PG_VERSION") {
                try create(with: programs)
            }
            try launch(with: programs)
        }
    }

    /// Starts the server unless it runs already (the data directory exists).
    func launch(with programs: ServerPrograms) throws {
        if case .running = try status() { return }
        let (code, output) = try runner.run(
            programs.pgCtl,
            ["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", "120", "-s"]
        )
        if code != 0 {
            let log = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
            throw LocalClusterError.commandFailed("pg_ctl start", status: code, output: output + "\n" + log)
        }
    }

    /// Creates the database if it does not exist yet.
    public func createDatabase(_ name: String, template: String? = nil) async throws {
        let connection = try await Connection.connect(ConnectionConfiguration(url: url(database: "postgres")))
        try await connection.run { connection in
            let exists = try connection.query("select 1 from pg_database where datname = \(name)")
            guard exists.isEmpty else { return }
            var statement: Query = "create database \(identifier: name)"
            if let template { statement.append("template \(identifier: template)") }
            do {
                try connection.execute(statement)
            } catch let error as PostgresError
                where error.sqlState == .duplicateDatabase || error.sqlState == .uniqueViolation
            {
                // Another process made it at the same moment.
            }
        }
        await connection.close()
    }

    /// Stops the server (fast shutdown: open sessions are ended).
    public func stop() throws {
        guard case .running = try status() else { return }
        let programs = try ServerPrograms.locate()
        try runner.check(programs.pgCtl, ["stop", "-D", dataDirectory, "-m", "fast", "-w", "-s"])
    }

    /// Ends recovery on a standby (`pg_ctl promote`): it becomes a primary that takes writes.
    public func promote() throws {
        let programs = try ServerPrograms.locate()
        try runner.check(programs.pgCtl, ["promote", "-D", dataDirectory, "-w", "-t", "60", "-s"])
    }

    /// Stops the server at once and deletes the whole directory (for throwaway clusters).
    public func destroy() throws {
        if case .running = try status() {
            let programs = try ServerPrograms.locate()
            _ = try runner.run(programs.pgCtl, ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-s"])
        }
        try? FileManager.default.removeItem(atPath: home)
    }

    // MARK: Creating

    private func create(with programs: ServerPrograms) throws {
        try prepareHome(for: "initdb")
        try runner.check(programs.initdb, Self.initdbArguments(dataDirectory, superuser: superuser))
        try writeSettings()
    }

    /// `initdb`'s arguments for a new data directory: sockets trusted (their directory is
    /// private), TCP by password, UTF-8.
    static func initdbArguments(_ dataDirectory: String, superuser: String) -> [String] {
        [
            "-D", dataDirectory, "-U", superuser, "--auth-local=trust", "--auth-host=scram-sha-256",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions",
        ]
    }

    /// Checks that the data directory may be made (`command` makes it) and gives the home
    /// and the socket directory to the service user.
    func prepareHome(for command: String) throws {
        let files = FileManager.default
        guard (socketDirectory + "/.s.PGSQL.\(port)").utf8.count < 100 else {
            throw LocalClusterError.socketPathTooLong(socketDirectory)
        }
        if let entries = try? files.contentsOfDirectory(atPath: dataDirectory), !entries.isEmpty {
            throw LocalClusterError.commandFailed(
                command,
                status: 1,
                output:
                    "\(dataDirectory) exists and is not a PostgreSQL data directory; move it away or set MICIC_HOME elsewhere"
            )
        }
        try files.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        if let user = serviceUser {
            try ServiceUser.hand(home, to: user)
            try ServiceUser.hand(socketDirectory, to: user)
            let (code, _) = try runner.run("/usr/bin/test", ["-w", home, "-a", "-x", home])
            guard code == 0 else { throw LocalClusterError.unreachableHome(home, user: user) }
        }
    }

    /// Appends the socket settings and ``settings`` to `postgresql.conf` (later lines win).
    func writeSettings() throws {
        let base = [
            "listen_addresses": "''",
            "unix_socket_directories": "'\(socketDirectory)'",
            "unix_socket_permissions": "0700",
            "port": "\(port)",
        ]
        try Self.appendSettings(
            base.merging(settings, uniquingKeysWith: { $1 }),
            to: dataDirectory,
            saying: "a private server reached through its own socket only"
        )
    }

    /// Appends `settings` to the `postgresql.conf` of `dataDirectory`, in name order, under a
    /// comment saying why (later lines win over the file's own).
    static func appendSettings(_ settings: [String: String], to dataDirectory: String, saying why: String) throws {
        var configuration = "\n# Written by micic: \(why).\n"
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
            configuration += "\(key) = \(value)\n"
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dataDirectory + "/postgresql.conf"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(configuration.utf8))
        try handle.close()
    }

    /// The unprivileged user the server runs as when this process is root.
    var serviceUser: String? {
        geteuid() == 0 ? ServiceUser.name() : nil
    }

    var runner: ProcessRunner {
        ProcessRunner(user: serviceUser)
    }

    private static let pathCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/-._~"))
}
