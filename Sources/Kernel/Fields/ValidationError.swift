/// Every problem found in an item at once; nothing was written.
public struct ValidationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in field order.
    public let issues: [ValidationIssue]

    /// An error holding `issues` (never empty).
    public init(issues: [ValidationIssue]) {
        precondition(!issues.isEmpty, "a validation error needs at least one issue")
        self.issues = issues
    }

    public var description: String {
        let noun = issues.count == 1 ? "problem" : "problems"
        return "\(issues.count) \(noun): " + issues.map(\.description).joined(separator: "; ")
    }
}
