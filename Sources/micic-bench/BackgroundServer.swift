import Foundation

/// A server program run beside a benchmark (`micic serve`, nginx): started with its output
/// in a file, stopped by SIGTERM (or SIGQUIT, nginx's graceful stop) when done.
final class BackgroundServer {
    private let process = Process()
    private let log: String

    /// Starts `program` with `arguments`, `environment` added to this process's.
    init(_ program: String, _ arguments: [String], environment: [String: String] = [:], log: String) throws {
        self.log = log
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = process.standardOutput
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// What it wrote so far.
    var output: String {
        (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    }

    /// Waits until `ready` finds what it needs in the output (within 30 seconds).
    func wait<Value>(for ready: (String) -> Value?) throws -> Value {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            if let value = ready(output) { return value }
            Thread.sleep(forTimeInterval: 0.05)
        }
        if let value = ready(output) { return value }
        throw BenchError(message: "\(process.executableURL?.lastPathComponent ?? "server") did not start: \(output)")
    }

    /// Stops it with `signal` and waits for it to end.
    func stop(signal: Int32 = SIGTERM) {
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
    }

    /// Starts `micic serve` on a free loopback port with `arguments` (its database, its
    /// standbys), logging warnings only, and waits until it listens.
    /// - Returns: the server and its port.
    static func micicServe(_ arguments: [String], log: String) throws -> (BackgroundServer, Int) {
        let server = try BackgroundServer(
            try BenchContext.sibling("micic"),
            ["serve", "--port", "0"] + arguments,
            environment: ["MICIC_LOG_LEVEL": "warning"],
            log: log
        )
        do {
            let port = try server.wait { output in
                output.range(of: "listening on http://127.0.0.1:").map {
                    Int(output[$0.upperBound...].prefix(while: \.isNumber))
                } ?? nil
            }
            return (server, port)
        } catch {
            server.stop()
            throw error
        }
    }
}
