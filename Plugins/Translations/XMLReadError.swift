/// Why ``XMLReader`` refused a document, and where.
struct XMLReadError: Error, Sendable, CustomStringConvertible {
    /// The line (from 1) and column (in characters, from 1) of the fault; `nil` for a fault
    /// of the whole file (one that is not UTF-8).
    let position: (line: Int, column: Int)?
    let message: String

    var description: String {
        guard let position else { return message }
        return "line \(position.line), column \(position.column): \(message)"
    }
}
