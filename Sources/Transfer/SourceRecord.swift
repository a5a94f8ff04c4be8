public import Kernel

/// One row as read from a file, before it is understood: its line, its values, and any
/// problem found while reading it (the row is then rejected, and reading goes on).
public struct SourceRecord: Sendable {
    /// What a row holds.
    public enum Values: Sendable {
        /// A CSV row's cells, in column order.
        case cells([String])
        /// An NDJSON row's object.
        case object([String: FieldValue])
    }

    /// The line the row starts on (1-based).
    public let line: Int
    /// Its values (partial when ``problem`` is set).
    public var values: Values
    /// Why the row cannot be used, when it cannot.
    public var problem: String?
}
