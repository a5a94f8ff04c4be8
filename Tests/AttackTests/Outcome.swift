import Postgres
import Testing

/// What the server did with an attack's statement.
enum Outcome: Sendable, CustomStringConvertible {
    /// It raised an error.
    case refused(PostgresError)
    /// It ran and changed (or returned) `rows` rows, the first row's first column `first`.
    case ran(rows: Int, first: String?)

    /// SQLSTATEs that mean the attack itself was wrong (a misspelt name, a bad type), when
    /// raised by the statement itself rather than inside a function or trigger it ran.
    private static let mistakes: Set<String> = ["42601", "42703", "42883", "42P01", "42804", "42P18", "42725", "42702"]

    /// Whether the server refused the statement for a reason of its own, not for a
    /// mistake in the statement.
    var isRefusal: Bool {
        guard case .refused(let error) = self else { return false }
        guard error.code == .server, let state = error.sqlState?.code else { return false }
        return error.context != nil || !Self.mistakes.contains(state)
    }

    var rowCount: Int? {
        if case .ran(let rows, _) = self { rows } else { nil }
    }

    /// The first column of the first row it returned (`nil` for NULL, or when refused).
    var answer: String? {
        if case .ran(_, let first) = self { first } else { nil }
    }

    var description: String {
        switch self {
        case .refused(let error):
            "refused (\(error.sqlState?.code ?? "no SQLSTATE"): \(error.message))"
        case .ran(let rows, let first):
            "ran on \(rows) rows" + (first.map { ", answering \($0)" } ?? "")
        }
    }
}

extension Connection {
    /// Runs `statement` and tells what the server did, a refusal included.
    func attempt(_ statement: Query) async -> Outcome {
        do {
            let result = try query(statement)
            return .ran(rows: result.rowsAffected, first: result.first?.text(at: 0))
        } catch let error as PostgresError {
            return .refused(error)
        } catch {
            return .refused(PostgresError(code: .protocolViolation, message: "\(error)"))
        }
    }

    /// Runs `body` in a transaction that is always rolled back, so what an attack does is
    /// seen inside it and never kept.
    nonisolated func rolledBack<Value: Sendable>(_ body: (Connection) async throws -> Value) async throws -> Value {
        try await execute("begin")
        do {
            let value = try await body(self)
            try await execute("rollback")
            return value
        } catch {
            _ = try? await execute("rollback")
            throw error
        }
    }
}

/// Runs `statement` as `who` and expects `accepted` of what the server did.
private func expect(
    _ statement: Query,
    by who: String,
    on connection: Connection,
    sourceLocation: SourceLocation,
    _ accepted: (Outcome) -> Bool
) async {
    let outcome = await connection.attempt(statement)
    #expect(accepted(outcome), "\(who): \(statement) \(outcome)", sourceLocation: sourceLocation)
}

/// Expects `statement` to be refused: the server raises an error of its own for it.
func expectRefused(
    _ statement: Query,
    by who: String,
    on connection: Connection,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    await expect(statement, by: who, on: connection, sourceLocation: sourceLocation) { $0.isRefusal }
}

/// Expects `statement` to change nothing: refused, or finding no row it may change.
func expectNoChange(
    _ statement: Query,
    by who: String,
    on connection: Connection,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    await expect(statement, by: who, on: connection, sourceLocation: sourceLocation) {
        $0.isRefusal || $0.rowCount == 0
    }
}

/// Expects `statement` to run on `rows` rows: a control, showing that what an attack tries
/// is refused for the attack's reason, not because the statement cannot run at all.
func expectAllowed(
    _ statement: Query,
    by who: String,
    on connection: Connection,
    rows: Int = 1,
    sourceLocation: SourceLocation = #_sourceLocation
) async {
    await expect(statement, by: who, on: connection, sourceLocation: sourceLocation) { $0.rowCount == rows }
}
