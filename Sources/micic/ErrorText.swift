import LocalPostgres
import Postgres
import Store

/// The one-paragraph message a person sees for an error: what went wrong and what to do,
/// never a stack trace or a password.
enum ErrorText {
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as PostgresError:
            var text = error.message
            if let detail = error.detail, error.code == .server { text += "\n  detail: \(detail)" }
            if let hint = error.hint { text += "\n  hint: \(hint)" }
            if error.code == .connectionFailed {
                text += "\n  check DATABASE_URL (or the PG* variables), or unset them to use the local database"
            }
            return text
        case let error as LocalClusterFailure:
            return error.underlying.description
        case let error as MigrationError:
            return error.description
        default:
            return String(describing: error)
        }
    }
}

/// A failure of the local PostgreSQL server, which means the database is unavailable.
struct LocalClusterFailure: Error {
    let underlying: LocalClusterError
}
