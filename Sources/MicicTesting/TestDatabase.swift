internal import Foundation
public import Kernel
public import Postgres
internal import Store

/// A database of its own for one test: cloned from a migrated template, dropped afterwards,
/// so tests run in parallel and never see each other's rows.
///
/// ```swift
/// @Test func storesTenants() async throws {
///     try await TestDatabase.with { database in
///         let connection = try await database.connect()
///         ...
///     }
/// }
/// ```
///
/// The server is a throwaway local cluster started once per test process with the
/// platform's own ``LocalPostgres`` code, or the server at `MICIC_TEST_DATABASE_URL` (a
/// role that may create databases).
public struct TestDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// A URL for the database, as a superuser of the test server.
    public let url: String

    /// A connection configuration for the database.
    public var configuration: ConnectionConfiguration {
        get throws { try ConnectionConfiguration(url: url, applicationName: "micic-tests") }
    }

    /// Opens a connection to the database.
    public func connect() async throws -> Connection {
        try await Connection.connect(try configuration)
    }

    /// Creates a person (a login role in `micic_people`) whose name is unique to this
    /// database (`<database>_<name>`), dropped again with the database.
    /// - Returns: the role name.
    public func createPerson(_ name: String, platformAdmin: Bool = false) async throws -> String {
        let role = "\(self.name)_\(name)"
        let admin = try await connect()
        try await admin.run { connection in
            try PeopleDirectory().create(role, password: "secret-" + role, displayName: name, on: connection)
            if platformAdmin { try connection.execute("select micic_make_platform_admin(\(role))") }
        }
        await admin.close()
        await TestServer.shared.remember(role: role, of: self.name)
        return role
    }

    /// Writes the workflows and content types `registry` declares (a test's own plugins) into
    /// the database, as `micic migrate` does for the platform's: the database enforces them
    /// from then on.
    public func define(_ registry: PluginRegistry) async throws {
        let owner = try await connect()
        let migrator = Migrator(migrations: Migration.definitions(of: registry))
        try await owner.run { try migrator.migrate(on: $0) }
        await owner.close()
    }

    /// Records a person created some other way (through the executable) so that the role is
    /// dropped with the database.
    public func adopt(person: String) async {
        await TestServer.shared.remember(role: person, of: name)
    }

    /// The database's URL for connecting as `person`.
    public func url(as person: String) throws -> String {
        guard let at = url.range(of: "@"), let scheme = url.range(of: "://") else { return url }
        return String(url[..<scheme.upperBound]) + person + String(url[at.lowerBound...])
    }

    /// Opens a connection as `person` (the test server trusts its local socket).
    public func connect(as person: String) async throws -> Connection {
        try await Connection.connect(
            try ConnectionConfiguration(url: url, applicationName: "micic-tests", parameters: ["user": person])
        )
    }

    /// Runs `body` with a fresh migrated database (or an empty one when `migrated` is
    /// false), and drops it afterwards.
    /// - Parameter registry: a test's own plugins, whose workflows and content types are
    ///   written into the database first (the platform's are in every migrated database).
    public static func with<Value: Sendable>(
        migrated: Bool = true,
        defining registry: PluginRegistry? = nil,
        _ body: (TestDatabase) async throws -> Value
    ) async throws -> Value {
        let database = try await TestServer.shared.createDatabase(migrated: migrated)
        do {
            if let registry { try await database.define(registry) }
            let value = try await body(database)
            try await TestServer.shared.dropDatabase(database.name)
            return value
        } catch {
            try? await TestServer.shared.dropDatabase(database.name)
            throw error
        }
    }

    /// The URL of the test server's administrative database, for tests that need the
    /// server itself (creating roles, listing databases).
    public static func serverURL() async throws -> String {
        try await TestServer.shared.url(database: "postgres")
    }
}
