internal import Foundation
public import Hummingbird
internal import HummingbirdCore
public import Kernel
public import Logging
public import Postgres
internal import Store
internal import UnixSignals

/// The delivery API: published content as JSON over HTTP, read as the public
/// (``PublicReader``) from a pool of connections.
///
/// ```swift
/// let server = DeliveryServer(configuration: DeliveryConfiguration(port: 8080), database: configuration,
///                             registry: registry, logger: logger)
/// try await server.run { port in print("listening on \(port)") }   // until SIGTERM or SIGINT
/// ```
public struct DeliveryServer: Sendable {
    /// How it listens and caches.
    public let configuration: DeliveryConfiguration
    let pool: ConnectionPool
    let api: DeliveryAPI
    let logger: Logger
    let database: ConnectionConfiguration

    /// A server for the content types of `registry`, reading `database` (the primary, where
    /// it also hears of changes), or the first of `standbys` that has replayed every change it
    /// heard of (``ReadRouting``).
    public init(
        configuration: DeliveryConfiguration,
        database: ConnectionConfiguration,
        standbys: [ConnectionConfiguration] = [],
        registry: PluginRegistry,
        logger: Logger
    ) {
        self.configuration = configuration
        pool = ConnectionPool(
            configuration: database,
            maximumConnections: configuration.connections,
            logger: Logger(label: "micic.serve.pool")
        )
        let standbyPools = standbys.map {
            ConnectionPool(
                configuration: $0,
                maximumConnections: configuration.connections,
                logger: Logger(label: "micic.serve.standby")
            )
        }
        api = DeliveryAPI(pool: pool, registry: registry, configuration: configuration, standbys: standbyPools)
        self.logger = logger
        self.database = database
    }

    /// The router with every route (for documentation and its tests).
    public func router() -> Router<BasicRequestContext> {
        api.router()
    }

    /// Checks that the database role reads as the public and nothing more, listens, calls
    /// `onListening` with the port, and serves until SIGTERM or SIGINT; then it lets the
    /// requests in progress finish and closes its connections.
    /// - Throws: ``DeliveryError`` when the role may read more than the public, or the
    ///   database cannot be reached; the server's errors.
    public func run(onListening: @escaping @Sendable (Int) async -> Void) async throws {
        let reader = api.reader
        // Every server it reads, standbys included, as a role that reads as the public only.
        for pool in [pool] + api.readers.standbys {
            let refusal = try await pool.withConnection { connection in
                try await connection.run { try reader.refusal(on: $0) }
            }
            if let refusal {
                await close()
                throw DeliveryError(refusal)
            }
        }
        let port = configuration.port
        let api = api
        let logger = logger
        let application = Application(
            router: router(),
            server: HTTPServerBuilder { responder in DeliveryChannel(responder: responder, api: api, logger: logger) },
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: nil
            ),
            services: configuration.cacheLifetime > 0
                ? [
                    ChangeListener(
                        database: database,
                        reader: api.reader,
                        cache: api.cache,
                        floor: api.readers.floor,
                        logger: logger
                    )
                ] : [],
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger
        )
        do {
            try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            await close()
            throw error
        }
        await close()
    }

    private func close() async {
        await pool.close()
        for standby in api.readers.standbys { await standby.close() }
    }
}

/// Why the server does not start.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what to do.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
