internal import CLibPQ
internal import Foundation
public import Logging

/// One connection to PostgreSQL through libpq.
///
/// Every libpq call runs on the connection's own thread (the actor's executor), never on
/// Swift's cooperative pool, and never on two threads at once. Work that needs several
/// statements runs as one synchronous closure on that thread:
///
/// ```swift
/// let connection = try await Connection.connect(configuration)
/// let titles = try await connection.run { connection in
///     try connection.withTransaction { connection in
///         try connection.execute("update items set status = 'published' where id = \(id)")
///         return try connection.query("select title from items").map { try $0.decode(String.self, at: 0) }
///     }
/// }
/// ```
public actor Connection {
    private let executor: ThreadExecutor
    // Invariant: touched only on the actor's executor, and in deinit, when nothing else can.
    nonisolated(unsafe) private var handle: OpaquePointer?
    private var transactionDepth = 0
    private var preparedStatements: [String: String] = [:]
    /// The session's `plan_cache_mode`, `nil` when a statement setting it failed.
    var planCacheMode: PlanCacheMode? = .standard
    private let notices: NoticeSink

    /// Where the connection goes.
    public nonisolated let configuration: ConnectionConfiguration
    /// Cancels the running statement from any thread.
    public nonisolated let cancelToken = CancelToken()
    /// Receives the server's notices and warnings.
    public nonisolated let logger: Logger

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    private init(configuration: ConnectionConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        executor = ThreadExecutor(name: "postgres-connection")
        notices = NoticeSink(logger: logger)
    }

    deinit {
        if let handle { PQfinish(handle) }
        executor.shutdown()
    }

    /// Opens a connection.
    /// - Throws: ``PostgresError/Code/connectionFailed`` naming the host and port (never the
    ///   password) when the server cannot be reached or refuses the login.
    public static func connect(
        _ configuration: ConnectionConfiguration,
        logger: Logger = Logger(label: "micic.postgres")
    ) async throws -> Connection {
        let connection = Connection(configuration: configuration, logger: logger)
        try await connection.open()
        return connection
    }

    private func open() throws {
        let pairs = configuration.keywords
        let connection = withCStrings(pairs.map(\.0)) { keywords in
            withCStrings(pairs.map(\.1)) { values in
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let connection else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = Self.connectionFailure(connection)
            PQfinish(connection)
            throw error
        }
        handle = connection
        notices.install(on: connection)
        cancelToken.update(from: connection)
    }

    /// Re-establishes a broken connection with the same parameters, in place.
    public func reset() throws {
        guard let handle else { throw Self.closedError }
        PQreset(handle)
        transactionDepth = 0
        preparedStatements = [:]
        planCacheMode = .standard
        guard PQstatus(handle) == CONNECTION_OK else { throw Self.connectionFailure(handle) }
        cancelToken.update(from: handle)
    }

    /// Closes the connection; later calls throw ``PostgresError/Code/connectionClosed``.
    public func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        cancelToken.update(from: nil)
    }

    /// Runs `body` on the connection's thread, where it can call the connection synchronously.
    @discardableResult
    public func run<Value: Sendable>(_ body: @Sendable (isolated Connection) throws -> Value) throws -> Value {
        try body(self)
    }

    // MARK: State

    /// Whether the connection is open, healthy and outside any transaction: fit to be reused.
    public var isIdle: Bool {
        guard let handle else { return false }
        return PQstatus(handle) == CONNECTION_OK && PQtransactionStatus(handle) == PQTRANS_IDLE
    }

    /// Whether a transaction block is open (possibly failed).
    public var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Whether the link to the server broke.
    public var isBroken: Bool {
        guard let handle else { return true }
        return PQstatus(handle) != CONNECTION_OK
    }

    /// Whether the server ended the link while the connection waited for its next statement
    /// (it stopped or restarted, or the session was terminated): what the server sent
    /// meanwhile, its farewell and the socket's end, is read without waiting, so no round
    /// trip is spent. A closed connection is not lost.
    public func lostWhileIdle() -> Bool {
        guard let handle else { return false }
        // The farewell and the end may come in separate reads; a read finding nothing waits not.
        for _ in 0..<3 where PQstatus(handle) == CONNECTION_OK {
            if PQconsumeInput(handle) == 0 { break }
        }
        return PQstatus(handle) != CONNECTION_OK
    }

    /// The server process serving this connection.
    public var backendPID: Int {
        handle.map { Int(PQbackendPID($0)) } ?? 0
    }

    /// The server's version as a number (150018 for 15.18).
    public var serverVersion: Int {
        handle.map { Int(PQserverVersion($0)) } ?? 0
    }

    /// The host (or socket directory) the connection reached: of several in its URL, the one
    /// that answered.
    public var host: String {
        handle.flatMap { PQhost($0) }.map { String(cString: $0) } ?? ""
    }

    /// The server the connection reached, as a person would name it: `socket DIR/.s.PGSQL.PORT`
    /// or `HOST:PORT` (of several servers on one host, the port tells them apart).
    public var server: String {
        guard let handle else { return "" }
        return Self.place(of: handle)
    }

    /// The user the connection authenticated as.
    public var user: String {
        handle.flatMap { PQuser($0) }.map { String(cString: $0) } ?? ""
    }

    // MARK: Statements

    /// Runs one statement and returns its rows, planned as `plan` says.
    /// - Throws: ``PostgresError``: ``PostgresError/Code/server`` with the SQLSTATE, or
    ///   ``PostgresError/Code/connectionLost`` when the link broke.
    @discardableResult
    public func query(_ query: Query, plan: StatementPlan = .withValues) throws -> QueryResult {
        let handle = try connectedHandle()
        return try bind(query, plan: plan) { try run($0, generic: plan == .generic, on: handle) }
    }

    /// Runs one statement and returns how many rows it changed.
    @discardableResult
    public func execute(_ query: Query, plan: StatementPlan = .withValues) throws -> Int {
        try self.query(query, plan: plan).rowsAffected
    }

    /// Runs SQL text that may hold several statements, without parameters (migration files).
    public func executeScript(_ sql: String) throws {
        let handle = try openHandle()
        guard PQsendQuery(handle, sql) == 1 else { throw lostOrFailed(nil) }
        var firstError: (any Error)?
        while let result = PQgetResult(handle) {
            do { _ = try check(result) } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    /// Quotes an identifier through libpq (`PQescapeIdentifier`).
    public func escapeIdentifier(_ name: String) throws -> String {
        let handle = try connectedHandle()
        let utf8 = Array(try name.checkedForNUL().utf8)
        guard let escaped = PQescapeIdentifier(handle, name, utf8.count) else {
            throw PostgresError(code: .encoding, message: "the identifier cannot be quoted: \(errorMessage(handle))")
        }
        defer { PQfreemem(escaped) }
        return String(cString: escaped)
    }

    // MARK: Internals shared by the extensions

    /// The handle, ready for a statement planned as usual: the generic-plan setting that
    /// generic statements leave behind is reset first (see ``StatementPlan/generic``).
    func openHandle() throws -> OpaquePointer {
        let handle = try connectedHandle()
        try restoreStandardPlans(on: handle)
        return handle
    }

    /// The handle, as it is.
    func connectedHandle() throws -> OpaquePointer {
        guard let handle else { throw Self.closedError }
        return handle
    }

    var currentTransactionDepth: Int {
        get { transactionDepth }
        set { transactionDepth = newValue }
    }

    /// Calls `body` with `query` laid out for libpq, prepared first when `plan` asks for it.
    func bind<Result>(
        _ query: Query,
        plan: StatementPlan,
        _ body: (BoundStatement) throws -> Result
    ) throws -> Result {
        let sql = try query.render(quotingIdentifiers: escapeIdentifier)
        let parameters = try Parameters(query.bindings)
        return try parameters.withPointers { count, types, values in
            try body(
                BoundStatement(
                    sql: sql,
                    preparedName: plan == .withValues ? nil : try preparedName(for: sql, count: count, types: types),
                    count: count,
                    types: types,
                    values: values
                )
            )
        }
    }

    private func preparedName(for sql: String, count: Int32, types: UnsafePointer<UInt32>?) throws -> String {
        if let name = preparedStatements[sql] { return name }
        let handle = try connectedHandle()
        let name = "micic_\(preparedStatements.count + 1)"
        _ = try check(PQprepare(handle, name, sql, count, types))
        preparedStatements[sql] = name
        return name
    }

    /// Turns a libpq result into a ``QueryResult`` or the error it reports.
    func check(_ result: OpaquePointer?) throws -> QueryResult {
        guard let result else { throw lostOrFailed(nil) }
        let status = PQresultStatus(result)
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY {
            return QueryResult(handle: result)
        }
        if status == PGRES_COPY_IN || status == PGRES_COPY_OUT {
            PQclear(result)
            abandonCopy(in: status == PGRES_COPY_IN)
            throw PostgresError(
                code: .protocolViolation,
                message: "COPY statements run through copyFrom(_:_:) and copyTo(_:_:)"
            )
        }
        defer { PQclear(result) }
        throw lostOrFailed(result)
    }

    /// The error a failed result (or a missing one) stands for.
    func lostOrFailed(_ result: OpaquePointer?) -> PostgresError {
        var error: PostgresError
        if let result, PQresultErrorField(result, Self.field("C")) != nil {
            error = PostgresError(result: result)
        } else {
            error = PostgresError(code: .server, message: handle.map(errorMessage) ?? "no connection")
        }
        // After a FATAL error (a server shutting down, its postmaster gone) the server closes
        // the session, though libpq only sees the link down on its next read.
        let ended = error.severity == "FATAL" || error.severity == "PANIC"
        if let handle, ended || PQstatus(handle) != CONNECTION_OK {
            error.code = .connectionLost
            if error.sqlState == nil { error.sqlState = .connectionFailure }
            error.message = "the connection to the server was lost: " + error.message
        }
        return error
    }

    /// Ends a COPY that `query(_:)` started by mistake, leaving the connection usable.
    private func abandonCopy(in copyIn: Bool) {
        guard let handle else { return }
        if copyIn {
            PQputCopyEnd(handle, "COPY must use copyFrom")
        } else {
            var buffer: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(handle, &buffer, 0) > 0 { PQfreemem(buffer) }
        }
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    static func field(_ code: Unicode.Scalar) -> Int32 { Int32(UInt8(ascii: code)) }

    static let closedError = PostgresError(code: .connectionClosed, message: "the connection is closed")

    /// `socket DIR/.s.PGSQL.PORT` or `HOST:PORT` for the server `connection` reached (or tried).
    private static func place(of connection: OpaquePointer) -> String {
        let host = PQhost(connection).map { String(cString: $0) } ?? ""
        let port = PQport(connection).map { String(cString: $0) } ?? ""
        return host.hasPrefix("/") ? "socket \(host)/.s.PGSQL.\(port)" : "\(host):\(port)"
    }

    private static func connectionFailure(_ connection: OpaquePointer) -> PostgresError {
        let host = PQhost(connection).map { String(cString: $0) } ?? ""
        let port = PQport(connection).map { String(cString: $0) } ?? ""
        let place = place(of: connection)
        var error = PostgresError(
            code: .connectionFailed,
            message: "could not connect to \(place): \(errorMessage(connection))",
            sqlState: .connectionFailure
        )
        error.detail = "host \(host), port \(port)"
        return error
    }
}

/// libpq's last error message for a connection, trimmed.
func errorMessage(_ connection: OpaquePointer) -> String {
    String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
}

/// Calls `body` with a NULL-terminated array of C strings.
func withCStrings<Result>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> Result) -> Result {
    let copies = strings.map { strdup($0) }
    defer { for copy in copies { free(copy) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
