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
        let home = "/tmp/micic-bench-\(getpid())"
        let cluster = LocalCluster(
            home: home,
            database: "bench",
            settings: ["shared_buffers": "'256MB'", "max_wal_size": "'4GB'"]
        )
        try? cluster.destroy()
        try cluster.start()
        try await cluster.createDatabase("bench")
        let scratch = home + "/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        chmod(scratch, 0o777)
        return BenchContext(
            cluster: cluster,
            configuration: try ConnectionConfiguration(url: cluster.url(), applicationName: "micic-bench"),
            connectionString:
                "host=\(cluster.socketDirectory) port=\(cluster.port) user=\(cluster.superuser) dbname=bench",
            psql: try program("psql"),
            pgbench: try program("pgbench"),
            scratch: scratch
        )
    }

    func stop() {
        try? cluster.destroy()
    }

    func connect() async throws -> Connection {
        try await Connection.connect(configuration)
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if !environment.isEmpty {
            var variables = ProcessInfo.processInfo.environment
            for (key, value) in environment { variables[key] = value.isEmpty ? nil : value }
            process.environment = variables
        }
        let inputFile = scratch + "/in-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: inputFile, contents: Data((input ?? "").utf8))
        defer { try? FileManager.default.removeItem(atPath: inputFile) }
        process.standardInput = FileHandle(forReadingAtPath: inputFile)
        let output = scratch + "/out-\(UUID().uuidString)"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: output) }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = process.standardOutput
        let start = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw BenchError(message: "\(program) failed: \(text)")
        }
        return (text, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
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
