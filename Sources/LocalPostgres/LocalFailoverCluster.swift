internal import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A pg_auto_failover formation on this machine: a monitor and two data nodes, the standby
/// replicating synchronously (a commit waits for it), so that when the primary's machine fails
/// the monitor promotes the standby by itself and nothing committed is lost.
///
/// Everything lives under `home`: the data directories `monitor/`, `node-1/` and `node-2/`;
/// `run/`, every server's unix socket (mode 0700: micic connects there, trusted as on the local
/// server); `pg_autoctl/`, pg_auto_failover's configuration, state and process ids; the logs
/// `monitor.log`, `node-1.log`, `node-2.log`; `ports`, the loopback ports chosen free when the
/// formation is made; and `pgpass`, generated passwords of pg_auto_failover's own roles, which
/// reach each other over TCP on the loopback only, with `scram-sha-256`. Run as root, every
/// process runs as the unprivileged service user, as the local server's.
///
/// ```swift
/// let formation = LocalFailoverCluster(home: home)
/// try formation.start()                  // made the first time; returns with a primary and its standby
/// let url = formation.url()              // both sockets, target_session_attrs=read-write
/// try formation.kill("node-1")           // the machine fails: the monitor promotes node-2
/// ```
public struct LocalFailoverCluster: Sendable {
    /// The directory that holds the whole formation.
    public let home: String
    /// The database the platform uses (made on the first node when the formation is made).
    public let database: String
    /// Server settings written into every server's `postgresql.conf` when it is made.
    public let settings: [String: String]
    /// The superuser of every server, reached through the sockets.
    public let superuser = "postgres"
    /// The data nodes, in the order they were made (the first is the first primary).
    public static let nodeNames = ["node-1", "node-2"]

    /// Describes a formation; nothing happens until ``start(timeout:)``.
    public init(home: String, database: String = "micic", settings: [String: String] = [:]) {
        self.home = home.hasPrefix("/") ? home : FileManager.default.currentDirectoryPath + "/" + home
        self.database = database
        self.settings = settings
    }

    /// Whether a formation was made under `home`.
    public static func exists(at home: String) -> Bool {
        FileManager.default.fileExists(atPath: LocalFailoverCluster(home: home).portsFile)
    }

    /// The directory of every server's socket.
    public var socketDirectory: String { home + "/run" }

    /// The data directory of `name` (`monitor`, `node-1`, `node-2`).
    public func dataDirectory(_ name: String) -> String { home + "/" + name }

    /// The log of `name`'s pg_auto_failover service and its server.
    public func logFile(_ name: String) -> String { home + "/" + name + ".log" }

    /// The loopback port of each server (`monitor`, `node-1`, `node-2`).
    public func ports() throws -> [String: Int] {
        let text = try String(contentsOfFile: portsFile, encoding: .utf8)
        var ports: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2, let port = Int(words[1]) { ports[String(words[0])] = port }
        }
        return ports
    }

    /// A URL that lists both nodes' sockets and asks for the one that takes writes
    /// (`target_session_attrs=read-write`): after a failover, a new connection reaches the new
    /// primary.
    public func url(database: String? = nil, user: String? = nil) -> String {
        let ports = (try? self.ports()) ?? [:]
        let numbers = Self.nodeNames.map { String(ports[$0] ?? 0) }
        return base(database: database, user: user) + "?host="
            + Array(repeating: encodedSocketDirectory, count: numbers.count).joined(separator: ",")
            + "&port=" + numbers.joined(separator: ",") + "&target_session_attrs=read-write"
    }

    /// A URL for one server (`monitor`, `node-1`, `node-2`) through its socket.
    public func url(of name: String, database: String? = nil, user: String? = nil) -> String {
        let port = (try? ports()[name]) ?? nil
        return base(database: database, user: user) + "?host=\(encodedSocketDirectory)&port=\(port ?? 0)"
    }

    // MARK: Running

    /// Makes the formation the first time (the monitor, then the first node, then the second as
    /// its standby), starts whatever does not run, and returns once one node is primary and the
    /// other its standby in step. Safe to call from several processes at once.
    /// - Throws: ``LocalClusterError`` when a program fails or the formation is not ready
    ///   within `timeout` seconds.
    public func start(timeout: Double = 180) throws {
        let files = FileManager.default
        try files.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileLock.withLock(at: home + "/cluster.lock") {
            let programs = try ServerPrograms.locate()
            let autoctl = try programs.pgAutoctl()
            if !files.fileExists(atPath: portsFile) { try prepare() }
            let ports = try self.ports()
            try startMonitor(port: ports["monitor", default: 0], programs: programs, autoctl: autoctl)
            let monitor = "postgres://autoctl_node@127.0.0.1:\(ports["monitor", default: 0])/pg_auto_failover"
            for (index, name) in Self.nodeNames.enumerated() {
                // Before the first standby is copied, the primary's roles get their passwords.
                if index > 0 && !files.fileExists(atPath: configurationFile(of: name)) {
                    try setNodePasswords(programs: programs, timeout: timeout)
                }
                try startNode(
                    name,
                    port: ports[name, default: 0],
                    monitor: monitor,
                    programs: programs,
                    autoctl: autoctl
                )
            }
            try waitUntil("a primary and its standby", timeout: timeout, programs: programs) { nodes in
                nodes.count == Self.nodeNames.count && nodes.filter(\.isPrimary).count == 1
                    && nodes.filter(\.isSecondary).count == nodes.count - 1
            }
            // The monitor may still show what the nodes reported before they were stopped.
            for name in Self.nodeNames {
                try sql(on: name, database: database, "select 1;", programs: programs)
            }
        }
    }

    /// The data nodes as the monitor sees them now.
    /// - Throws: ``LocalClusterError`` when the monitor cannot be asked.
    public func nodes() throws -> [FailoverNode] {
        let autoctl = try ServerPrograms.locate().pgAutoctl()
        let output = try runner.check(autoctl, ["show", "state", "--pgdata", dataDirectory("monitor"), "--json"])
        return FailoverNode.nodes(fromJSON: output)
    }

    /// Waits until the monitor has made a node other than `former` the primary (after the
    /// failure of `former`), and returns it.
    /// - Throws: ``LocalClusterError`` when no node is promoted within `timeout` seconds.
    @discardableResult
    public func waitForFailover(from former: String, timeout: Double = 120) throws -> FailoverNode {
        let programs = try ServerPrograms.locate()
        var promoted: FailoverNode?
        try waitUntil("a new primary", timeout: timeout, programs: programs, nudging: false) { nodes in
            promoted = nodes.first { $0.name != former && $0.isPrimary }
            return promoted != nil
        }
        return promoted!
    }

    /// Ends `name`'s pg_auto_failover service and its server at once (SIGKILL to the whole
    /// process group and to every process of the server), as when its machine fails.
    /// ``start(timeout:)`` brings it back, as a standby of whichever node is primary then.
    public func kill(_ name: String) throws {
        // The server's children lead sessions of their own (PostgreSQL makes each one a group
        // leader), so the group's signal does not reach them: most end when they see their
        // server gone, but the monitor's health-check worker runs on (and its logger with it).
        let server = serverProcesses(of: name)
        if let group = processGroup(of: name) {
            _ = signal(-group, SIGKILL)
            try? FileManager.default.removeItem(atPath: pidFile(of: name))
        }
        for process in server { _ = signal(process, SIGKILL) }
    }

    /// Stops the nodes, then the monitor (fast shutdown), and waits for every server to end.
    public func stop() throws {
        let autoctl = try ServerPrograms.locate().pgAutoctl()
        for name in Self.nodeNames + ["monitor"] {
            guard let group = processGroup(of: name) else { continue }
            // The server's processes lead sessions of their own, so they are waited for by
            // id: a server ending after a new one started would take the new one's socket
            // file with it.
            let server = serverProcesses(of: name)
            _ = try runner.run(autoctl, ["stop", "--pgdata", dataDirectory(name), "--fast"])
            let deadline = Date().addingTimeInterval(60)
            while (signal(group, 0) == 0 || server.contains(where: Self.isRunning)) && Date() < deadline {
                usleep(50_000)
            }
        }
    }

    /// Ends every process at once and deletes the whole directory (for throwaway formations).
    public func destroy() throws {
        for name in Self.nodeNames + ["monitor"] { try? kill(name) }
        try? FileManager.default.removeItem(atPath: home)
    }

    // MARK: Making

    /// Makes the directories, chooses the ports and writes the passwords, once.
    private func prepare() throws {
        let files = FileManager.default
        guard (socketDirectory + "/.s.PGSQL.65535").utf8.count < 100 else {
            throw LocalClusterError.socketPathTooLong(socketDirectory)
        }
        let directories =
            [socketDirectory, autoctlDirectory] + ["config", "share", "run"].map { autoctlDirectory + "/" + $0 }
        for directory in directories {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true)
            chmod(directory, 0o700)
        }
        let roles = ["autoctl_node", "pgautofailover_replicator", "pgautofailover_monitor"]
        let passwords = roles.map { "*:*:*:\($0):\(Self.secret())" }.joined(separator: "\n") + "\n"
        guard
            files.createFile(
                atPath: passwordFile,
                contents: Data(passwords.utf8),
                attributes: [.posixPermissions: 0o600]
            )
        else { throw LocalClusterError.unreachableHome(home, user: serviceUser ?? "this user") }
        let ports = try LoopbackPorts.free(1 + Self.nodeNames.count)
        let lines = zip(["monitor"] + Self.nodeNames, ports).map { "\($0) \($1)\n" }.joined()
        if let user = serviceUser {
            for path in [home, passwordFile] + directories { try ServiceUser.hand(path, to: user) }
            let (code, _) = try runner.run("/usr/bin/test", ["-w", home, "-a", "-x", home])
            guard code == 0 else { throw LocalClusterError.unreachableHome(home, user: user) }
        }
        try lines.write(toFile: portsFile, atomically: true, encoding: .utf8)
    }

    /// Makes the monitor the first time (with short health checks: a failed node is noticed in
    /// seconds), and starts it.
    private func startMonitor(port: Int, programs: ServerPrograms, autoctl: String) throws {
        let data = dataDirectory("monitor")
        if !FileManager.default.fileExists(atPath: configurationFile(of: "monitor")) {
            try initialize(data, programs: programs)
            try runner.check(
                autoctl,
                [
                    "create", "monitor", "--pgctl", programs.installedPgCtl, "--pgdata", data, "--pgport", "\(port)",
                    "--hostname", "127.0.0.1", "--skip-pg-hba", "--no-ssl",
                ]
            )
            try runner.check(autoctl, ["config", "set", "--pgdata", data, "postgresql.listen_addresses", "127.0.0.1"])
        }
        try launch("monitor", autoctl: autoctl)
        try sql(
            on: "monitor",
            database: "pg_auto_failover",
            """
            alter role autoctl_node password :'autoctl_node';
            \(Self.monitorSettings.map { "alter system set pgautofailover.\($0.key) = \($0.value);" }.joined(separator: "\n"))
            select pg_reload_conf();
            """,
            programs: programs
        )
    }

    /// Makes `name` the first time (registered with the monitor: the first node becomes the
    /// primary, the next its standby, copied from it), and starts it.
    private func startNode(
        _ name: String,
        port: Int,
        monitor: String,
        programs: ServerPrograms,
        autoctl: String
    )
        throws
    {
        let data = dataDirectory(name)
        if !FileManager.default.fileExists(atPath: configurationFile(of: name)) {
            // The first node is made here, with the platform's settings; the next are copies.
            if name == Self.nodeNames[0] { try initialize(data, programs: programs) }
            try runner.check(
                autoctl,
                [
                    "create", "postgres", "--pgctl", programs.installedPgCtl, "--pgdata", data, "--pgport", "\(port)",
                    "--pghost", socketDirectory, "--listen", "127.0.0.1", "--hostname", "127.0.0.1", "--name", name,
                    "--monitor", monitor, "--skip-pg-hba", "--no-ssl", "--dbname", database,
                ]
            )
            // Shorter than the monitor's wait for a demotion: a primary cut off demotes itself first.
            try runner.check(autoctl, ["config", "set", "--pgdata", data, "timeout.network_partition_timeout", "3"])
        }
        try launch(name, autoctl: autoctl)
    }

    /// Gives pg_auto_failover's roles on the primary their passwords (the standby copies them),
    /// once it takes writes.
    private func setNodePasswords(programs: ServerPrograms, timeout: Double) throws {
        try waitUntil("its first node", timeout: timeout, programs: programs, nudging: false) { nodes in
            nodes.contains(where: \.isPrimary)
        }
        guard let primary = try nodes().first(where: \.isPrimary) else { return }
        try sql(
            on: primary.name,
            database: database,
            """
            alter role pgautofailover_replicator password :'pgautofailover_replicator';
            alter role pgautofailover_monitor password :'pgautofailover_monitor';
            """,
            programs: programs
        )
    }

    /// `initdb` for a new server, with the socket settings and ``settings``.
    private func initialize(_ data: String, programs: ServerPrograms) throws {
        guard !FileManager.default.fileExists(atPath: data + "/PG_VERSION") else { return }
        try runner.check(programs.initdb, LocalCluster.initdbArguments(data, superuser: superuser))
        let base = ["unix_socket_directories": "'\(socketDirectory)'", "unix_socket_permissions": "0700"]
        try LocalCluster.appendSettings(
            base.merging(settings, uniquingKeysWith: { $1 }),
            to: data,
            saying: "sockets in one private directory, TCP on the loopback only"
        )
    }

    /// Starts `name`'s pg_auto_failover service in a session of its own, detached, unless it
    /// runs; its output goes to its log.
    private func launch(_ name: String, autoctl: String) throws {
        guard processGroup(of: name) == nil else { return }
        try runner.check(
            "/bin/sh",
            [
                "-c", "exec setsid -f \"$0\" run --pgdata \"$1\" >>\"$2\" 2>&1 </dev/null",
                autoctl, dataDirectory(name), logFile(name),
            ]
        )
        let deadline = Date().addingTimeInterval(30)
        while processGroup(of: name) == nil && Date() < deadline { usleep(50_000) }
    }

    /// Runs a psql script as the superuser on `name`. The script reads each role's password
    /// into a variable of the role's name (`:'autoctl_node'` quotes it) from the environment,
    /// which only the same user can read, never from the command line.
    private func sql(on name: String, database: String, _ script: String, programs: ServerPrograms) throws {
        let passwords = (try? String(contentsOfFile: passwordFile, encoding: .utf8)) ?? ""
        var psql = runner
        var preamble = ""
        for line in passwords.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 5 else { continue }
            psql.environment["MICIC_SECRET_\(fields[3])"] = String(fields[4])
            preamble += "\\getenv \(fields[3]) MICIC_SECRET_\(fields[3])\n"
        }
        let port = try ports()[name] ?? 0
        let arguments = [
            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", "\(port)", "-U", superuser, "-d",
            database,
        ]
        let deadline = Date().addingTimeInterval(30)
        while true {
            let (code, output) = try psql.run(programs.psql, arguments, input: preamble + script)
            if code == 0 { return }
            // The server may still be starting (its socket not made yet, or left by the
            // server before it and refusing), or a standby still replaying up to a
            // consistent state.
            let starting = ["No such file", "Connection refused", "starting up", "not yet accepting connections"]
            guard Date() < deadline, starting.contains(where: output.contains) else {
                throw LocalClusterError.commandFailed("psql on \(name)", status: code, output: output)
            }
            usleep(200_000)
        }
    }

    /// Asks the monitor every quarter second until `done` holds of the nodes. While a standby
    /// is being copied, a checkpoint is asked of the primary each second: the copy waits for
    /// one, which would otherwise be spread over minutes.
    private func waitUntil(
        _ waited: String,
        timeout: Double,
        programs: ServerPrograms,
        nudging: Bool = true,
        _ done: ([FailoverNode]) -> Bool
    ) throws {
        let deadline = Date().addingTimeInterval(timeout)
        var nudged = Date.distantPast
        var nodes: [FailoverNode] = []
        while Date() < deadline {
            nodes = (try? self.nodes()) ?? []
            if done(nodes) { return }
            if nudging, Date().timeIntervalSince(nudged) > 1, let primary = nodes.first(where: \.isPrimary),
                nodes.contains(where: { $0.reportedState == "wait_standby" || $0.reportedState == "catchingup" })
            {
                nudged = Date()
                try? sql(on: primary.name, database: database, "checkpoint;", programs: programs)
            }
            usleep(250_000)
        }
        throw LocalClusterError.failoverTimedOut(
            waited,
            states: nodes.map(\.description).joined(separator: ", "),
            log: home + "/*.log"
        )
    }

    // MARK: Processes

    /// The process group of `name`'s running pg_auto_failover service (its id: the service
    /// leads its own session), or `nil` when it does not run.
    private func processGroup(of name: String) -> pid_t? {
        guard let text = try? String(contentsOfFile: pidFile(of: name), encoding: .utf8),
            let pid = pid_t(text.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? ""),
            pid > 0, signal(pid, 0) == 0
        else { return nil }
        return pid
    }

    /// The processes of `name`'s running server: its postmaster (from the data directory's
    /// `postmaster.pid`) first, then the postmaster's children (from `/proc`; none where there
    /// is no `/proc`). Empty when the server does not run.
    public func serverProcesses(of name: String) -> [Int32] {
        guard let text = try? String(contentsOfFile: dataDirectory(name) + "/postmaster.pid", encoding: .utf8),
            let server = pid_t(text.split(separator: "\n").first ?? ""), server > 0, signal(server, 0) == 0
        else { return [] }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        let children = entries.compactMap { entry -> pid_t? in
            guard let pid = pid_t(entry), let fields = statusFields(of: pid) else { return nil }
            return fields.count > 1 && pid_t(fields[1]) == server ? pid : nil
        }
        return [server] + children
    }

    /// Whether `process` runs: it exists and is no zombie (one whose parent has not collected
    /// it yet has ended).
    public static func isRunning(_ process: Int32) -> Bool {
        guard signal(process, 0) == 0 else { return false }
        return statusFields(of: process)?.first != "Z"
    }

    /// Where pg_auto_failover keeps `name`'s process id (under `XDG_RUNTIME_DIR`, by data directory).
    private func pidFile(of name: String) -> String {
        autoctlDirectory + "/run/pg_autoctl" + dataDirectory(name) + "/pg_autoctl.pid"
    }

    /// Where pg_auto_failover keeps `name`'s configuration (under `XDG_CONFIG_HOME`).
    private func configurationFile(of name: String) -> String {
        autoctlDirectory + "/config/pg_autoctl" + dataDirectory(name) + "/pg_autoctl.cfg"
    }

    private var portsFile: String { home + "/ports" }
    private var passwordFile: String { home + "/pgpass" }
    private var autoctlDirectory: String { home + "/pg_autoctl" }

    private var encodedSocketDirectory: String {
        socketDirectory.addingPercentEncoding(withAllowedCharacters: Self.pathCharacters) ?? socketDirectory
    }

    private func base(database: String?, user: String?) -> String {
        let role = (user ?? superuser).addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? superuser
        return "postgresql://\(role)@/\(database ?? self.database)"
    }

    /// The unprivileged user every process runs as when this process is root.
    private var serviceUser: String? {
        geteuid() == 0 ? ServiceUser.name() : nil
    }

    /// Runs programs as the service user, with pg_auto_failover's files kept under ``home``.
    private var runner: ProcessRunner {
        ProcessRunner(
            user: serviceUser,
            environment: [
                "XDG_CONFIG_HOME": autoctlDirectory + "/config", "XDG_DATA_HOME": autoctlDirectory + "/share",
                "XDG_RUNTIME_DIR": autoctlDirectory + "/run", "PGPASSFILE": passwordFile, "PGHOST": socketDirectory,
                "PGUSER": "", "PGDATABASE": "", "PGPORT": "",
            ]
        )
    }

    /// A random password (32 hexadecimal digits).
    private static func secret() -> String {
        (0..<4).map { _ in String(format: "%08x", UInt32.random(in: .min ... .max)) }.joined()
    }

    /// The monitor's health checks, short enough that a failed node is replaced in seconds on
    /// one machine: checked every second, unhealthy after four without an answer or a report,
    /// and its standby promoted five seconds after it was asked to step down.
    private static let monitorSettings: KeyValuePairs<String, Int> = [
        "health_check_period": 1000, "health_check_timeout": 1000, "health_check_max_retries": 2,
        "health_check_retry_delay": 500, "node_considered_unhealthy_timeout": 4000,
        "primary_demote_timeout": 5000, "startup_grace_period": 3000,
    ]

    private static let pathCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/-._~"))
}

/// Sends `number` to `process` (a negative id: its whole group); `0` only asks whether it lives.
private func signal(_ process: pid_t, _ number: Int32) -> Int32 {
    kill(process, number)
}

/// The fields of `/proc/PID/stat` after the command (`state ppid ...`; the command may hold
/// spaces and parentheses), or `nil` where it cannot be read.
private func statusFields(of process: pid_t) -> [Substring]? {
    guard let stat = try? String(contentsOfFile: "/proc/\(process)/stat", encoding: .utf8),
        let end = stat.lastIndex(of: ")")
    else { return nil }
    return stat[stat.index(after: end)...].split(separator: " ")
}
