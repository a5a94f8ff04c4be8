internal import Foundation
internal import Kernel
internal import Transfer

/// The rows an import refused: counted, the first few kept to show, and every one written
/// to the report file (CSV: line, field, reason) as it is found, so memory stays flat.
final class RejectionLog {
    private(set) var count = 0
    private var first: [RejectedRow] = []
    private let report: FileHandle?
    /// The report file's path.
    let path: String?

    /// A log writing to `path` (replaced), or to no file.
    init(report path: String?) throws {
        self.path = path
        guard let path else {
            report = nil
            return
        }
        guard
            FileManager.default.createFile(
                atPath: path,
                contents: Data(CSVText.line(["line", "field", "reason"]).utf8)
            )
        else {
            throw ImportError("cannot write the report \(path)")
        }
        report = FileHandle(forWritingAtPath: path)
        report?.seekToEndOfFile()
    }

    deinit {
        try? report?.close()
    }

    /// Records the problems of one row (called once per row, however many problems it has).
    func add(_ problems: [RejectedRow]) {
        guard !problems.isEmpty else { return }
        count += 1
        for problem in problems {
            if first.count < ImportSummary.shownProblems { first.append(problem) }
            report?.write(Data(CSVText.line([String(problem.line), problem.field, problem.reason]).utf8))
        }
    }

    /// The first problems, by line.
    var problems: [RejectedRow] {
        first.sorted { ($0.line, $0.field) < ($1.line, $1.field) }
    }
}
