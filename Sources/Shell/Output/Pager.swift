internal import Foundation

/// Shows text longer than the terminal through the pager `PAGER` names (`less -S` when it is
/// not set; none when it is set empty), as psql does: the pager reads the text from a pipe
/// and shows it on the terminal.
///
/// ```swift
/// if !Pager.fromEnvironment()?.page(table) ?? false { print(table) }
/// ```
struct Pager: Sendable {
    /// The command, run by `/bin/sh -c`.
    let command: String
    /// The terminal's height in lines.
    let height: Int

    /// The pager of this process's environment and terminal; `nil` when `PAGER` is set empty.
    static func fromEnvironment() -> Pager? {
        let command = ProcessInfo.processInfo.environment["PAGER"] ?? "less -S"
        guard !command.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        var size = winsize()
        let rows = ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0 ? Int(size.ws_row) : 0
        return Pager(command: command, height: rows > 0 ? rows : 24)
    }

    /// Shows `text` through the pager when it has more lines than the terminal; `false` when
    /// it did not (short text, or a pager that cannot be started), for the caller to print.
    func page(_ text: String) -> Bool {
        guard text.utf8.count(where: { $0 == UInt8(ascii: "\n") }) >= height else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardInput = pipe
        // A pager left before reading everything closes the pipe: that is no reason to die.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        do { try process.run() } catch { return false }
        try? pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        // 127: the shell found no such command; the text has not been shown.
        return process.terminationStatus != 127
    }
}
