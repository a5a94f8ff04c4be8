/// An import that wrote nothing: a file that cannot be read as a whole (its encoding, an
/// unclosed quote, its header), or bad rows when bad rows stop it.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the line and column or field.
    public let message: String
    /// The rejected rows (the first few), when bad rows stopped it.
    public let problems: [RejectedRow]
    /// How many rows were rejected in all.
    public let rejected: Int

    /// A file-level problem.
    public init(_ message: String) {
        self.message = message
        problems = []
        rejected = 0
    }

    /// A problem at `line` of the file.
    public init(line: Int, _ message: String) {
        self.init("line \(line): \(message)")
    }

    /// Bad rows, which stopped the import.
    public init(rejected: Int, problems: [RejectedRow], report: String?) {
        message =
            Self.rows(rejected, report: report) + "; fix them, or add --on-error skip to import the others"
        self.problems = problems
        self.rejected = rejected
    }

    /// A file that stopped being readable (`structural`: an unclosed quote, bytes that are
    /// not UTF-8) after bad rows: both are reported, the rows first.
    public init(rejected: Int, problems: [RejectedRow], report: String?, then structural: String) {
        message = Self.rows(rejected, report: report) + ", and then \(structural)"
        self.problems = problems
        self.rejected = rejected
    }

    /// `nothing was imported: 2 rows have problems (all listed in bad.csv)`.
    private static func rows(_ rejected: Int, report: String?) -> String {
        let noun = rejected == 1 ? "row has a problem" : "rows have problems"
        return "nothing was imported: \(rejected) \(noun)" + (report.map { " (all listed in \($0))" } ?? "")
    }

    public var description: String {
        guard !problems.isEmpty else { return message }
        var text = message
        for problem in problems { text += "\n  \(problem)" }
        if rejected > problems.count { text += "\n  ... and \(rejected - problems.count) more" }
        return text
    }
}
