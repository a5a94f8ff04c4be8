import Foundation
import LocalPostgres
import Postgres

/// The server the benchmarks share, and the client programs of the baselines.
struct BenchContext: Sendable {
    let cluster: LocalCluster
    let configuration: ConnectionConfiguration
    /// libpq keyword form of the connection, for psql and pgbench.
    let connectionString: String
    let psql: String
    let pgbench: String
    /// A scratch directory for baseline input files.
    let scratch: String

    static func start() async throws -> BenchContext {
        let home = reusedHome ?? "/tmp/micic-bench-\(getpid())"
        let cluster = LocalCluster(
            home: home,
            database: "bench",
            settings: serverSettings
        )
        if reusedHome == nil { try? cluster.destroy() }
        try cluster.start()
        try await cluster.createDatabase("bench")
        let scratch = home + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        chmod(scratch, 0o777)
        return BenchContext(
            cluster: cluster,
            configuration: try ConnectionConfiguration(
                url: cluster.url(),
                applicationName: "micic-bench",
                parameters: Self.quiet
            ),
            connectionString:
                "host=\(cluster.socketDirectory) port=\(cluster.port) user=\(cluster.superuser) dbname=bench",
            psql: try program("psql"),
            pgbench: try program("pgbench"),
            scratch: scratch
        )
    }

    /// The settings of the bench's servers (its own, and the replica sets some benchmarks
    /// start beside it), with ``extraSettings()``.
    static var serverSettings: [String: String] {
        ["shared_buffers": "'256MB'", "max_wal_size": "'4GB'"].merging(extraSettings()) { $1 }
    }

    /// Notices (truncate cascades, ...) are not figures: the benchmarks' connections ask
    /// for warnings only, so nothing but figures and progress reaches the output.
    private static let quiet = ["options": "-c client_min_messages=warning"]

    /// The home of a server to reuse, from `MICIC_BENCH_HOME`: made there the first time,
    /// found there by later runs (with its content, which spares `list-page` its load), and
    /// kept afterwards.
    private static var reusedHome: String? {
        ProcessInfo.processInfo.environment["MICIC_BENCH_HOME"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func stop() {
        if ProcessInfo.processInfo.environment["MICIC_BENCH_KEEP"] != nil || Self.reusedHome != nil {
            note("kept the server's files (its log: \(cluster.logFile))")
            try? cluster.stop()
            return
        }
        try? cluster.destroy()
    }

    /// Server settings for finding where a benchmark's time goes, from `MICIC_BENCH_SETTINGS`
    /// (`name=value` pairs separated by `;`, as in `postgresql.conf`), e.g.
    /// `session_preload_libraries='auto_explain';auto_explain.log_min_duration=50`.
    private static func extraSettings() -> [String: String] {
        let text = ProcessInfo.processInfo.environment["MICIC_BENCH_SETTINGS"] ?? ""
        var settings: [String: String] = [:]
        for pair in text.split(separator: ";") {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            settings[pair[..<equals].trimmingCharacters(in: .whitespaces)] = String(pair[pair.index(after: equals)...])
        }
        return settings
    }

    func connect() async throws -> Connection {
        try await Connection.connect(configuration)
    }

    /// A connection to `url` (another server's), asking for warnings only like the others.
    static func connect(url: String) async throws -> Connection {
        try await Connection.connect(
            try ConnectionConfiguration(url: url, applicationName: "micic-bench", parameters: quiet)
        )
    }

    /// A connection as `person` (the local server trusts its socket).
    func connect(as person: String) async throws -> Connection {
        try await Connection.connect(
            try ConnectionConfiguration(
                url: cluster.url(database: "bench"),
                parameters: Self.quiet.merging(["user": person]) { $1 }
            )
        )
    }

    /// Runs a program with `environment` added to this one's and `input` on standard input;
    /// returns its output and the wall-clock seconds.
    @discardableResult
    func run(
        _ program: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        input: String? = nil
    ) throws -> (output: String, seconds: Double) {
        let start = ContinuousClock.now
        let (status, text) = try ProcessRunner(environment: environment).run(program, arguments, input: input ?? "")
        let seconds = milliseconds(ContinuousClock.now - start) / 1000
        guard status == 0 else {
            throw BenchError(message: "\(program) failed: \(text)")
        }
        return (text, seconds)
    }

    /// A PostgreSQL client program from PATH or the server's own directory.
    private static func program(_ name: String) throws -> String {
        let programs = try ServerPrograms.locate()
        let serverBin = URL(fileURLWithPath: programs.initdb).deletingLastPathComponent().path
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in [serverBin] + path where FileManager.default.isExecutableFile(atPath: directory + "/" + name) {
            return directory + "/" + name
        }
        throw BenchError(message: "\(name) was not found; install postgresql")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
