internal import Store

/// Where the server hears of changes to content and reads what they moved: a connection
/// listening to `micic_public_changes` (``ConnectionChangeFeed``), or a stand-in in tests.
///
/// A notification is only a hint to look (any role that may connect can send one); the
/// counters are what changed, and only committed changes move them.
///
/// ```swift
/// struct Silence: ChangeFeed {
///     let unchanged: PublicChangeCounters
///     func notifications(waitingUpTo timeout: Duration) async throws -> Int {
///         try await Task.sleep(for: timeout)
///         return 0
///     }
///     func counters() async throws -> PublicChangeCounters { unchanged }
/// }
/// ```
protocol ChangeFeed: Sendable {
    /// How many notifications arrived, every one waiting, after waiting up to `timeout` for
    /// the first when none is.
    /// - Throws: when the feed is lost (the connection broke).
    func notifications(waitingUpTo timeout: Duration) async throws -> Int

    /// The change counters of the tenants the public sees, as committed now.
    func counters() async throws -> PublicChangeCounters
}
