/// Where and how to connect to PostgreSQL.
///
/// Without a URL, libpq's own defaults apply: the standard `PGHOST`, `PGPORT`, `PGDATABASE`,
/// `PGUSER`, `PGPASSWORD`, `PGSERVICE`, ... variables and `~/.pgpass`.
///
/// ```swift
/// let configuration = try ConnectionConfiguration(url: "postgresql://ana@db.example.org/micic")
/// let connection = try await Connection.connect(configuration)
/// ```
public struct ConnectionConfiguration: Sendable, Hashable {
    /// A `postgres://` or `postgresql://` URL, or `nil` for libpq's environment defaults.
    public var url: String?
    /// The name the server shows in `pg_stat_activity`.
    public var applicationName: String
    /// Seconds to wait for the server before giving up.
    public var connectTimeout: Int
    /// Further libpq connection keywords (`options`, `sslmode`, ...), applied after the URL.
    public var parameters: [String: String]

    /// A configuration from a URL.
    /// - Throws: ``PostgresError/Code/connectionFailed`` when the URL's scheme is not
    ///   `postgres://` or `postgresql://`.
    public init(
        url: String?,
        applicationName: String = "micic",
        connectTimeout: Int = 10,
        parameters: [String: String] = [:]
    ) throws {
        if let url, !(url.hasPrefix("postgres://") || url.hasPrefix("postgresql://")) {
            throw PostgresError(
                code: .connectionFailed,
                message: "a database URL must start with postgres:// or postgresql://"
            )
        }
        self.url = url
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.parameters = parameters
    }

    /// The environment variables through which libpq finds a server by itself.
    public static let libpqVariables = ["PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGSERVICE"]

    /// The configured database: `DATABASE_URL` if set, else the `PG*` variables if any is
    /// set, else `nil` (no database configured).
    public static func fromEnvironment(_ environment: [String: String]) throws -> ConnectionConfiguration? {
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            return try ConnectionConfiguration(url: url)
        }
        if libpqVariables.contains(where: { !(environment[$0] ?? "").isEmpty }) {
            return try ConnectionConfiguration(url: nil)
        }
        return nil
    }

    /// The keyword/value pairs handed to `PQconnectdbParams` (with `expand_dbname` on, so
    /// the URL in `dbname` is parsed by libpq itself).
    var keywords: [(String, String)] {
        var pairs: [(String, String)] = []
        if let url { pairs.append(("dbname", url)) }
        pairs.append(("application_name", applicationName))
        pairs.append(("connect_timeout", String(connectTimeout)))
        pairs.append(("client_encoding", "UTF8"))
        // The text formats the decoders read, whatever the server or role defaults are.
        // `plan_cache_mode` stays PostgreSQL's own: forcing generic plans would plan every
        // statement with bound values without them (unnamed ones too), and a search would
        // then read its query text once per matching row.
        let settings = "-c datestyle=ISO -c bytea_output=hex -c extra_float_digits=3"
        pairs.append(("options", settings + (parameters["options"].map { " " + $0 } ?? "")))
        for key in parameters.keys.sorted() where key != "options" { pairs.append((key, parameters[key]!)) }
        return pairs
    }
}
