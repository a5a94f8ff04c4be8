/// A row an import refused: where it is, which field, and why.
public struct RejectedRow: Sendable, Hashable, CustomStringConvertible {
    /// The file's line the row starts on (1 is the first line, a CSV file's header).
    public let line: Int
    /// The field or column (`phases`, `modules[2].duration`), or `row` for the whole row.
    public let field: String
    /// What is wrong and what is expected.
    public let reason: String

    /// A rejected row.
    public init(line: Int, field: String, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String { "line \(line), \(field): \(reason)" }
}
