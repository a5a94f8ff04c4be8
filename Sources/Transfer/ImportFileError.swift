/// A file that cannot be read as a whole: it cannot be opened, is not UTF-8, has an
/// unclosed quote or an unusable header. Nothing is imported from it.
public struct ImportFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and where (the line, when there is one).
    public let message: String

    /// A problem with the file as a whole.
    public init(_ message: String) {
        self.message = message
    }

    /// A problem at `line`.
    public init(line: Int, _ message: String) {
        self.message = "line \(line): \(message)"
    }

    public var description: String { message }
}
