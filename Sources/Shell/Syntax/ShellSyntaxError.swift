/// A script that cannot be read: what is wrong and where.
public struct ShellSyntaxError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// Where.
    public let position: SourcePosition
    /// Whether more input would complete it (an unclosed quote, a trailing backslash or pipe):
    /// the interactive shell then asks for another line.
    public let isIncomplete: Bool

    public init(_ message: String, at position: SourcePosition, incomplete: Bool = false) {
        self.message = message
        self.position = position
        isIncomplete = incomplete
    }

    public var description: String { "\(position): \(message)" }
}
