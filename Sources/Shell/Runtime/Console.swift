internal import Foundation

/// Where the shell writes data and diagnostics, and how it asks questions.
public struct Console: Sendable {
    /// Data: standard output.
    public var data: @Sendable (String) -> Void
    /// Diagnostics, prompts and progress: standard error.
    public var diagnostic: @Sendable (String) -> Void
    /// Asks a yes/no question; `nil` when there is no terminal to ask on.
    public var confirm: (@Sendable (String) -> Bool)?
    /// The terminal's width, or `nil` when output is not a terminal.
    public var width: Int?
    /// Writes on the terminal without a line end (progress lines); `nil` off a terminal.
    public var progress: (@Sendable (String) -> Void)?
    /// Whether the prompt may use colour.
    public var colour = false
    /// Shows long text through a pager and says whether it did; `nil` when standard output
    /// is not a terminal (or `PAGER` is set empty).
    public var page: (@Sendable (String) -> Bool)?

    public init(
        data: @escaping @Sendable (String) -> Void,
        diagnostic: @escaping @Sendable (String) -> Void,
        confirm: (@Sendable (String) -> Bool)?,
        width: Int?
    ) {
        self.data = data
        self.diagnostic = diagnostic
        self.confirm = confirm
        self.width = width
    }

    /// Standard output and error; questions only when standard input is a terminal.
    public static func standard() -> Console {
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1
        var ask: (@Sendable (String) -> Bool)?
        if interactive { ask = { @Sendable question in Console.ask(question) } }
        var console = Console(
            data: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            diagnostic: { text in FileHandle.standardError.write(Data((text + "\n").utf8)) },
            confirm: ask,
            width: isatty(STDOUT_FILENO) == 1 ? Console.terminalWidth() : nil
        )
        if isatty(STDOUT_FILENO) == 1, let pager = Pager.fromEnvironment() {
            console.page = { text in pager.page(text) }
        }
        if isatty(STDERR_FILENO) == 1 {
            console.progress = { text in FileHandle.standardError.write(Data(text.utf8)) }
            console.colour = ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
        return console
    }

    @Sendable private static func ask(_ question: String) -> Bool {
        FileHandle.standardError.write(Data((question + " [y/N] ").utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.lowercased().trimmingCharacters(in: .whitespaces))
    }

    private static func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
