internal import Logging
internal import Postgres
internal import ServiceLifecycle
internal import Store

/// Hears of changes to content on a connection of its own (``ConnectionChangeFeed``) and
/// keeps the cache in step with them (``ChangeFollower``). While it cannot listen (the
/// database is away), the cache keeps answers a second at most; it tries again every second,
/// and then forgets what changed meanwhile.
struct ChangeListener: Service {
    let database: ConnectionConfiguration
    let reader: PublicReader
    let cache: ResponseCache
    /// Raised as changes are heard of (for reading standbys).
    let floor: ReplayFloor
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            var follower = ChangeFollower(cache: cache, logger: logger)
            while !Task.isCancelled {
                do {
                    try await listen(&follower)
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

    private func listen(_ follower: inout ChangeFollower) async throws {
        let connection = try await Connection.connect(database, logger: logger)
        do {
            let feed = try await ConnectionChangeFeed.listening(on: connection, reader: reader, floor: floor)
            try await follower.follow(feed)
            await connection.close()
        } catch {
            await connection.close()
            throw error
        }
    }
}
