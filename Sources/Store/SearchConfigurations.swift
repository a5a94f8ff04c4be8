internal import Postgres
internal import Synchronization

/// The text search configuration of each language (`micic_search_config`), read from the
/// database once and kept, for search statements to bind as constants.
///
/// `micic_search_config('es')` written into a statement is inlined by the planner, a case of
/// some thirty configurations parsed anew on every call (a quarter of a millisecond per
/// search); the bound configuration is a constant. The mapping is immutable (PostgreSQL keeps
/// its results in the items' stored search vectors), so what was read stays true.
final class SearchConfigurations: Sendable {
    private let known = Mutex<[String: TextSearchConfiguration]>([:])

    /// The configurations of `languages`, read on `connection` where not known yet.
    func of(_ languages: [String], on connection: isolated Connection) throws -> [String: TextSearchConfiguration] {
        let missing = known.withLock { known in languages.filter { known[$0] == nil } }
        if !missing.isEmpty {
            let rows = try connection.query(
                """
                select l.language, format('%I.%I', n.nspname, c.cfgname) as name
                from unnest(\(Array(Set(missing)))::text[]) as l(language)
                join pg_ts_config c on c.oid = micic_search_config(l.language)
                join pg_namespace n on n.oid = c.cfgnamespace
                """
            )
            let read = try rows.map { row in
                (try row.decode(String.self, column: "language"), try row.decode(String.self, column: "name"))
            }
            known.withLock { known in
                for (language, name) in read { known[language] = TextSearchConfiguration(name: name) }
            }
        }
        return known.withLock { known in known.filter { languages.contains($0.key) } }
    }
}
