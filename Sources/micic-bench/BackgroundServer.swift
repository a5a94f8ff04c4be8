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

    /// A TCP port free on the loopback interface now.
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchError(message: "no socket for a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
            }
        }
        guard bound else { throw BenchError(message: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
