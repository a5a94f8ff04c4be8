/// How PostgreSQL plans a statement run by ``Connection/query(_:plan:)``.
public enum StatementPlan: Sendable {
    /// Planned with its values on every call (libpq's unnamed statement): for statements
    /// run once, or whose best plan depends on their values (a search's query text).
    case withValues
    /// Prepared once on the connection and reused by later calls with the same text:
    /// PostgreSQL plans the first five calls with their values, then keeps one generic plan
    /// (made without them) when its estimate is no costlier.
    case prepared
    /// Prepared once and always run with its generic plan, never planned again: for
    /// statements run often whose plan is written to fit every value (list pages walk their
    /// index in order whatever the filters), where the estimate for some values would keep
    /// PostgreSQL planning each call.
    case generic
}
