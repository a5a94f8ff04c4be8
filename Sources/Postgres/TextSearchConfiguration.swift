/// A text search configuration (`regconfig`) named by its schema-qualified name, such as
/// `pg_catalog.spanish`.
///
/// Bound as a `regconfig` value, PostgreSQL reads the name once, when it binds the statement,
/// and plans with the configuration as a constant: `websearch_to_tsquery($1, $2)` is then
/// read while planning, not for every row.
///
/// ```swift
/// let spanish = TextSearchConfiguration(name: "pg_catalog.spanish")
/// try connection.query("select to_tsvector(\(spanish), \(text))")
/// ```
public struct TextSearchConfiguration: PostgresEncodable, Hashable {
    public static var postgresType: PostgresType { .regconfig }

    /// The qualified name, with identifiers quoted where they need it.
    public let name: String

    /// The configuration called `name` (schema-qualified, so no search path decides).
    public init(name: String) {
        self.name = name
    }

    public func postgresText() throws -> String? { try name.checkedForNUL() }
}
