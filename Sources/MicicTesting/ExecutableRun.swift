public import Foundation

/// Runs a built executable of the package (for end-to-end tests) and captures its output.
///
/// ```swift
/// let run = try await ExecutableRun("micic", ["migrate", "--status"], environment: ["DATABASE_URL": url])
/// #expect(run.status == 0)
/// ```
public struct ExecutableRun: Sendable {
    /// The exit status (128 + signal number when a signal ended it).
    public let status: Int32
    /// What it wrote to standard output.
    public let standardOutput: String
    /// What it wrote to standard error.
    public let standardError: String

    /// The directory holding the package's built products (next to the test bundle).
    public static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// Runs `product` with `arguments`, with `environment` added to (or, for `nil` values,
    /// removed from) this process's environment, `input` on standard input, and in
    /// `directory` (this process's own by default). Waits on a thread of its own
    /// (``onOwnThread(_:)``).
    public init(
        _ product: String,
        _ arguments: [String],
        environment: [String: String?] = [:],
        input: String? = nil,
        directory: String? = nil
    ) async throws {
        self = try await onOwnThread {
            try ExecutableRun(
                blocking: product,
                arguments,
                environment: environment,
                input: input,
                directory: directory
            )
        }
    }

    /// The same run, waited for on the calling thread: for a `defer` block, where nothing
    /// can be awaited.
    public init(
        blocking product: String,
        _ arguments: [String],
        environment: [String: String?] = [:],
        input: String? = nil,
        directory workingDirectory: String? = nil
    ) throws {
        let process = Process()
        process.executableURL = Self.productsDirectory.appendingPathComponent(product)
        process.arguments = arguments
        if let workingDirectory { process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory) }
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("micic-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out")
        let errURL = directory.appendingPathComponent("err")
        let inURL = directory.appendingPathComponent("in")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data((input ?? "").utf8))
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        try process.run()
        process.waitUntilExit()
        status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        standardOutput = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        standardError = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    }
}
