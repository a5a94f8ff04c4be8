internal import Logging
internal import Store

/// Keeps a ``ResponseCache`` in step with the change counters: it reads them when it starts
/// following a feed and after notifications, and forgets the answers of the tenants whose
/// counter moved since it last read them (every answer when the tenants changed). A
/// notification that moved nothing forgets nothing.
///
/// Notifications are coalesced: the feed is only asked for them between readings, and gives
/// every one waiting, so at most one reading is under way, and however many notifications
/// come during it, they cost one reading more. A flood of them costs readings of a small
/// table, one at a time, and keeps the cache.
///
/// ```swift
/// var follower = ChangeFollower(cache: cache, logger: logger)
/// try await follower.follow(feed)   // until cancelled, or the feed is lost
/// ```
struct ChangeFollower {
    /// How long the feed is waited on at a time, between checks for cancellation.
    static let wait = Duration.milliseconds(250)

    let cache: ResponseCache
    /// Told (at info) each time the follower starts hearing of changes.
    let logger: Logger
    /// The counters as last read. Kept from one feed to the next: when a lost connection is
    /// made again, what moved meanwhile is forgotten.
    private(set) var known: PublicChangeCounters?

    /// A follower that knows no counters yet.
    init(cache: ResponseCache, logger: Logger) {
        self.cache = cache
        self.logger = logger
    }

    /// Reads the counters, tells the cache it hears of changes (forgetting what moved since
    /// the last reading, or everything on the first), then forgets what each batch of
    /// notifications moved, until the task is cancelled (the cache then stops listening).
    /// - Throws: the feed's errors (the connection broke); the caller makes the cache deaf.
    mutating func follow(_ feed: some ChangeFeed) async throws {
        var counters = try await feed.counters()
        cache.setListening(true)
        forget(known.map { counters.changes(since: $0) } ?? .everything)
        known = counters
        logger.info("hearing of changes to content")
        while !Task.isCancelled {
            guard try await feed.notifications(waitingUpTo: Self.wait) > 0 else { continue }
            let earlier = counters
            counters = try await feed.counters()
            forget(counters.changes(since: earlier))
            known = counters
        }
        cache.setListening(false)
    }

    private func forget(_ change: PublicChangeCounters.Change) {
        switch change {
        case .nothing: break
        case .tenants(let codes): cache.invalidate(tenants: codes)
        case .everything: cache.invalidate()
        }
    }
}
