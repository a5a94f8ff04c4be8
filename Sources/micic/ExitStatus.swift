import Postgres
import Shell

/// The exit statuses `micic` documents (README, "Exit codes").
enum ExitStatus: Int32 {
    /// Everything worked.
    case success = 0
    /// The command ran and failed (invalid data, a refused change, a failed migration).
    case failed = 1
    /// The command line was wrong (unknown command or option, missing argument).
    case usage = 2
    /// A bulk operation did part of its work; the report says which items failed.
    case partial = 3
    /// The database could not be reached (or the local server could not be started).
    case unavailable = 4

    /// The status for how a shell run ended.
    init(_ outcome: Interpreter.Outcome) {
        switch outcome {
        case .success, .exit: self = .success
        case .failed: self = .failed
        case .usage: self = .usage
        case .partial: self = .partial
        case .unavailable: self = .unavailable
        }
    }

    /// The status for an error that ended a command.
    init(for error: any Error) {
        switch error {
        case let error as PostgresError where error.code == .connectionFailed || error.code == .connectionLost:
            self = .unavailable
        case is LocalClusterFailure:
            self = .unavailable
        default:
            self = .failed
        }
    }
}
