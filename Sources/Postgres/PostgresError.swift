/// An error from the libpq layer: a refused connection, a broken one, a server error with its
/// SQLSTATE and diagnostic fields, or a value that could not be encoded or decoded.
///
/// Match on ``code`` (and ``sqlState`` for server errors):
///
/// ```swift
/// do { try connection.execute("insert into tenants (code) values (\(code))") }
/// catch let error as PostgresError where error.sqlState == .uniqueViolation { ... }
/// ```
///
/// ``description`` names the kind of failure, the SQLSTATE and the objects involved (table,
/// column, constraint) but never the server's message text or parameter values, which may hold
/// user data; those are in ``message``, ``detail`` and ``debugDescription``.
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The kind of failure. New kinds may be added; compare with the static constants.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case connectionFailed = "could not connect"
            case connectionLost = "connection lost"
            case connectionClosed = "connection closed"
            case server = "server error"
            case encoding = "cannot encode value"
            case decoding = "cannot decode value"
            case unexpectedNull = "unexpected NULL"
            case missingColumn = "no such column"
            case copy = "COPY failed"
            case protocolViolation = "unexpected reply"
            case poolClosed = "pool closed"
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server could not be reached or refused the login.
        public static let connectionFailed = Code(.connectionFailed)
        /// An established connection broke (server restart, network cut); reset or reconnect.
        public static let connectionLost = Code(.connectionLost)
        /// The connection was closed by this process.
        public static let connectionClosed = Code(.connectionClosed)
        /// The server rejected a statement; ``PostgresError/sqlState`` says why.
        public static let server = Code(.server)
        /// A value could not be sent (for example text holding a NUL character).
        public static let encoding = Code(.encoding)
        /// A column's value did not decode into the requested type.
        public static let decoding = Code(.decoding)
        /// A column held NULL where a non-optional type was requested.
        public static let unexpectedNull = Code(.unexpectedNull)
        /// A column name or index that the result does not have.
        public static let missingColumn = Code(.missingColumn)
        /// A COPY was abandoned or failed on the client side.
        public static let copy = Code(.copy)
        /// The server answered in a way this layer did not expect for the statement.
        public static let protocolViolation = Code(.protocolViolation)
        /// The connection pool was shut down.
        public static let poolClosed = Code(.poolClosed)

        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// The SQLSTATE for server errors (and for a lost connection, `08006`).
    public var sqlState: SQLState?
    /// The server's severity (`ERROR`, `FATAL`, ...), when it sent one.
    public var severity: String?
    /// The primary message. May contain user data: show it to the person, do not log it blindly.
    public var message: String
    /// The server's detail field. May contain values (for example the duplicated key).
    public var detail: String?
    /// The server's hint.
    public var hint: String?
    /// The schema of the object involved.
    public var schema: String?
    /// The table involved.
    public var table: String?
    /// The column involved (for decoding errors, the result column).
    public var column: String?
    /// The data type involved.
    public var dataType: String?
    /// The constraint that was violated.
    public var constraint: String?
    /// The 1-based character position in the statement that the error points at.
    public var position: Int?
    /// Where the server says the error arose (PL/pgSQL context lines).
    public var context: String?

    /// Creates an error of the given kind.
    public init(
        code: Code,
        message: String,
        sqlState: SQLState? = nil,
        column: String? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.column = column
    }

    public var description: String {
        var parts = ["PostgresError: \(code)"]
        if let sqlState { parts.append("SQLSTATE \(sqlState)") }
        if let table { parts.append("table \(table)") }
        if let column { parts.append("column \(column)") }
        if let constraint { parts.append("constraint \(constraint)") }
        if code != .server && code != .connectionLost {
            // Client-side messages are written by this module and never carry values.
            parts.append(message)
        }
        return parts.joined(separator: ", ")
    }

    public var debugDescription: String {
        var text = description + ": " + message
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        if let context { text += "\nCONTEXT: \(context)" }
        return text
    }
}
