/// One problem with one field: its name and a sentence a person understands.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// The field's name (`end`, `modules[2].duration`), or `item` for the whole item.
    public let field: String
    /// What is wrong and what is expected.
    public let message: String

    /// An issue with a field.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
