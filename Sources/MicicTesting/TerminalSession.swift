internal import Foundation

/// Runs a built executable on a pseudo-terminal (through `script`), typing into it with
/// pauses, as a person at a terminal would: for tests of line editing, completion, history
/// and Ctrl-C.
///
/// ```swift
/// let session = try TerminalSession("micic", environment: ["DATABASE_URL": url])
/// session.type("pra\tli\t--tenant cr\n")
/// let screen = try await session.finish()
/// ```
public final class TerminalSession {
    private let process = Process()
    private let input = Pipe()
    private let outputURL: URL

    /// Starts `product` with `environment` added to (or, for `nil` values, removed from)
    /// this process's.
    public init(_ product: String, environment: [String: String?]) throws {
        let program = ExecutableRun.productsDirectory.appendingPathComponent(product).path
        outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("micic-terminal-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", "'\(program)'", "/dev/null"]
        var variables = ProcessInfo.processInfo.environment
        variables["TERM"] = "xterm"
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = process.standardOutput
        try process.run()
    }

    /// Types `text` (use `\t` for Tab, `\u{3}` for Ctrl-C, `\u{4}` for Ctrl-D, `\u{1b}[A` for Up).
    public func type(_ text: String) {
        input.fileHandleForWriting.write(Data(text.utf8))
    }

    /// Waits, so the program can react before the next keys.
    public func pause(_ seconds: Double) async throws {
        try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
    }

    /// Everything shown so far.
    public var screen: String {
        (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
    }

    /// Closes the keyboard, waits for the program to end, and returns the whole screen.
    public func finish(timeout: Double = 30) async throws -> String {
        try input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try await pause(0.1) }
        if process.isRunning { process.terminate() }
        let text = screen
        try? FileManager.default.removeItem(at: outputURL)
        return text
    }
}
