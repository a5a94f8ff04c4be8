import Foundation
import MicicTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `micic serve` started by a test on a free port, read through a real HTTP client
/// (URLSession, without a cache of its own), and stopped by SIGTERM.
final class ServedAPI: @unchecked Sendable {
    // Invariant: written only in `init` (and the log once, in `stop`, after the process
    // ended); the process is only signalled and waited for after.
    let process: Process
    let base: URL
    private let log: URL
    private let session: URLSession

    /// One answer: status, header fields (names in lowercase) and body.
    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as a JSON object.
        var json: [String: Any] {
            get throws {
                try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any], "\(text)")
            }
        }

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    /// Starts `micic serve --port 0` reading `url` (or the database `environment` leads to),
    /// with `arguments` added, and waits until it listens.
    init(url: String?, arguments: [String] = [], environment: [String: String?] = [:]) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "micic-serve-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        log = directory.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = ExecutableRun.productsDirectory.appendingPathComponent("micic")
        process.arguments = ["serve", "--port", "0"] + (url.map { ["--database-url", $0] } ?? []) + arguments
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        session = URLSession(configuration: configuration)
        // Without a URL the server first makes, starts and migrates its local database: in a
        // full test run, beside dozens of other servers, that took 20-40 s here.
        let deadline = Date().addingTimeInterval(url == nil ? 120 : 30)
        var port: Int?
        while port == nil, Date() < deadline, process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
            port = Self.port(in: Self.text(of: log))
        }
        guard let port else {
            process.terminate()
            process.waitUntilExit()
            throw ServedAPIError(message: "micic serve did not start: \(Self.text(of: log))")
        }
        base = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// What the server wrote on standard error.
    var logText: String { stoppedLog ?? Self.text(of: log) }
    private var stoppedLog: String?

    /// How many lines of the server's log contain `text`.
    func logLines(containing text: String) -> Int {
        logText.split(separator: "\n").count { $0.contains(text) }
    }

    /// Waits until the server's log contains `text` (30 seconds at most).
    func waitForLog(_ text: String) async throws {
        let deadline = Date().addingTimeInterval(30)
        while !logText.contains(text) {
            guard Date() < deadline, process.isRunning else {
                throw ServedAPIError(message: "micic serve never logged \(text): \(logText)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private static func text(of file: URL) -> String {
        (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// Runs `body` with a server reading `url`, then stops it with SIGTERM and expects it to
    /// finish cleanly.
    static func with(
        url: String?,
        arguments: [String] = [],
        environment: [String: String?] = [:],
        _ body: (ServedAPI) async throws -> Void
    ) async throws {
        let api = try ServedAPI(url: url, arguments: arguments, environment: environment)
        do {
            try await body(api)
        } catch {
            _ = api.stop()
            throw error
        }
        let status = api.stop()
        #expect(status == 0, "\(api.logText)")
        #expect(api.logText.contains("micic serve: stopped"))
    }

    /// Sends SIGTERM and waits for the exit status; the log stays readable.
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        stoppedLog = logText
        try? FileManager.default.removeItem(at: log.deletingLastPathComponent())
        return process.terminationStatus
    }

    /// A request for `path` (with its query) by `method`, with `headers`.
    func request(_ path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Answer {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        request.setValue("", forHTTPHeaderField: "Accept-Language")
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: fields, body: data)
    }

    private static func port(in log: String) -> Int? {
        guard let range = log.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(log[range.upperBound...].prefix { $0.isNumber })
    }
}

struct ServedAPIError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
