package import Postgres

/// What the client says of a change, for the revision and workflow event the database writes
/// of it: why (the transaction-local setting `micic.message`, a revision's message) and a
/// transition's comment (`micic.comment`). The client says them; the database records who
/// and what.
package enum RevisionNote {
    /// A one-row relation that sets the message and comment (empty for none) when it is
    /// read. Joined into the statement that writes the items or jobs, it holds for that
    /// statement whether or not a transaction is open, and replaces an earlier statement's.
    package static func saying(_ message: String?, comment: String? = nil) -> Query {
        """
        (select set_config('micic.message', \(message ?? ""), true),
                set_config('micic.comment', \(comment ?? ""), true)) as note
        """
    }
}
