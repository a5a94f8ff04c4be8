/// Why a translation file was refused; nothing of it was written.
public struct TranslationImportError: Error, Sendable, CustomStringConvertible {
    /// One problem: the job and unit (field) it concerns, when it concerns one.
    public struct Problem: Sendable, Hashable {
        /// The job's id, as the file gave it.
        public let jobID: Int64?
        /// The unit's field.
        public let field: String?
        /// What is wrong.
        public let message: String

        /// A problem.
        public init(jobID: Int64?, field: String?, message: String) {
            self.jobID = jobID
            self.field = field
            self.message = message
        }
    }

    /// Every problem found.
    public let problems: [Problem]

    /// An error listing `problems`.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    public var description: String {
        let lines = problems.map { problem in
            var place = problem.jobID.map { "job \($0)" } ?? "file"
            if let field = problem.field { place += ", unit \(field)" }
            return "\(place): \(problem.message)"
        }
        return "the translation file was not imported (\(problems.count) problem\(problems.count == 1 ? "" : "s")):\n"
            + lines.map { "  " + $0 }.joined(separator: "\n")
    }
}
