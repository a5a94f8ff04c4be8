internal import Postgres

extension PostgresError: PostgresErrorDescribing {
    var migrationReason: String {
        var text = "\(message) (SQLSTATE \(sqlState?.code ?? "?"))"
        if let position { text += " at character \(position)" }
        return text
    }
}
