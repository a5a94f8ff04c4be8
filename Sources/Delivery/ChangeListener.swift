internal import Logging
internal import Postgres
internal import ServiceLifecycle

/// Listens to `micic_public_changes`, which every change to items or tenants notifies
/// once its transaction commits, and makes the cache forget its answers each time. While
/// it cannot listen (the database is away), the cache keeps answers a second at most; it
/// tries again every second.
struct ChangeListener: Service {
    /// The channel the schema's triggers notify.
    static let channel = "micic_public_changes"

    let database: ConnectionConfiguration
    let cache: ResponseCache
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await listen()
                } catch {
                    cache.setListening(false)
                    if !Task.isCancelled {
                        logger.warning(
                            "not hearing of changes; answers are kept a second at most",
                            metadata: ["error": "\(error)"]
                        )
                    }
                }
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    private func listen() async throws {
        let connection = try await Connection.connect(database, logger: logger)
        do {
            try await connection.listen(Self.channel)
            cache.setListening(true)
            logger.debug("hearing of changes to content")
            while !Task.isCancelled {
                let messages = try await connection.run { try $0.notifications(waitingUpTo: .milliseconds(250)) }
                if !messages.isEmpty { cache.invalidate() }
            }
            cache.setListening(false)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }
}
