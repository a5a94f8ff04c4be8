import ArgumentParser
import Delivery
import Foundation
import Logging
import Postgres
import Registration

/// `micic serve`: the delivery API, published content as JSON over HTTP.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve published content as JSON over HTTP (the delivery API), until SIGTERM or Ctrl-C.",
        discussion: """
            Reads as the public: on the local database as the role micic_web (created when \
            missing); with DATABASE_URL (or PG* variables, or --database-url) as the role it names, \
            which must be a member of micic_public and nothing more. The API is described at \
            /openapi.json; /health checks the database. Requests are logged at info level \
            (MICIC_LOG_LEVEL changes it).
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: a free one, printed at start).")
    var port = 8080

    @Option(help: "The most database connections open at once.")
    var connections = 4

    @Option(
        help: """
            Seconds an answer is sent again without reading the database, while the server hears \
            of changes (1 at most while it does not; 0: read every time).
            """
    )
    var cache: Double = 60

    @Option(name: .customLong("max-age"), help: "Seconds clients may keep an answer (Cache-Control max-age).")
    var maxAge = 5

    @Option(
        name: .customLong("read-url"),
        help: ArgumentHelp(
            """
            A standby to read content from (repeat for several, tried in order), as a role of             micic_public; the primary (DATABASE_URL) still tells of changes and serves when no             standby has replayed them.
            """,
            valueName: "URL"
        )
    )
    var readURLs: [String] = []

    @Option(
        name: .customLong("max-lag"),
        help: "Seconds a standby may stay behind a change before it is left for another or the primary."
    )
    var maxLag: Double = 1

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard (1...64).contains(connections) else { throw ValidationError("--connections must be from 1 to 64") }
        guard (0...3600).contains(cache) else { throw ValidationError("--cache must be from 0 to 3600 seconds") }
        guard (0...86_400).contains(maxAge) else { throw ValidationError("--max-age must be from 0 to 86400 seconds") }
        guard (0...3600).contains(maxLag) else { throw ValidationError("--max-lag must be from 0 to 3600 seconds") }
    }

    func run() async throws {
        DeliveryServer.runConcurrencyOnEventLoops()
        var connection = try await database.publicReaderConfiguration()
        connection.applicationName = "micic-serve"
        connection.parameters["options"] = "-c default_transaction_read_only=on -c statement_timeout=10s"
        // Its sessions are read-only by choice, so it asks for the primary (where it hears of
        // changes) by role, not by whether the session may write.
        if connection.parameters["target_session_attrs"] == "read-write" {
            connection.parameters["target_session_attrs"] = "primary"
        }
        let standbys = try readURLs.map { url in
            var standby = try ConnectionConfiguration(url: url, applicationName: "micic-serve")
            standby.parameters["options"] = connection.parameters["options"]
            return standby
        }
        var logger = Logger(label: "micic.serve")
        if ProcessInfo.processInfo.environment["MICIC_LOG_LEVEL"] == nil { logger.logLevel = .info }
        let server = DeliveryServer(
            configuration: DeliveryConfiguration(
                host: host,
                port: port,
                connections: connections,
                cacheLifetime: cache,
                maxAge: maxAge,
                maxLag: maxLag
            ),
            database: connection,
            standbys: standbys,
            registry: try Platform.registry(),
            logger: logger
        )
        let host = host
        try await server.run { port in printError("micic serve: listening on http://\(host):\(port)") }
        printError("micic serve: stopped")
    }
}
