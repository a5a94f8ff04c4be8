internal import Postgres

/// Why a change was made, for the revision the database writes of it: the transaction-local
/// setting `micic.message`, which the revision trigger reads (the client says it; the
/// database records who and what).
enum RevisionNote {
    /// A one-row relation that sets the message (empty for none) when it is read. Joined
    /// into the statement that writes the items, it holds for that statement's revisions
    /// whether or not a transaction is open, and replaces an earlier statement's message.
    static func saying(_ message: String?) -> Query {
        "(select set_config('micic.message', \(message ?? ""), true)) as note"
    }
}
