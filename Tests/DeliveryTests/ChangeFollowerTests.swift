import Foundation
import Logging
import Store
import Synchronization
import Testing

@testable import Delivery

/// The change follower: notifications are only a hint, coalesced into one reading of the
/// counters at a time, and only the tenants whose counter moved lose their answers.
@Suite struct ChangeFollowerTests {
    /// A feed the test drives: notifications it sends, counters it sets, and readings it
    /// counts and may hold up. A reading sees the counters as they were when it began.
    private final class ScriptedFeed: ChangeFeed, Sendable {
        /// What a lost feed throws.
        struct Lost: Error {}

        private struct State {
            var pending = 0
            var counters: PublicChangeCounters
            var readings = 0
            var held: (reading: Int, gate: Gate)?
            /// Whether the follower waits for notifications and none is pending.
            var isIdle = false
            var isLost = false
        }

        private let state: Mutex<State>

        init(_ counters: [String: Int64]) {
            state = Mutex(State(counters: Self.counters(counters)))
        }

        /// Counters of tenants by code; a tenant's id is its code's position in the alphabet.
        static func counters(_ changes: [String: Int64]) -> PublicChangeCounters {
            var counters: [Int64: PublicChangeCounters.Counter] = [:]
            for (code, count) in changes {
                counters[Int64(code.unicodeScalars.first!.value)] = PublicChangeCounters.Counter(
                    code: code,
                    changes: count
                )
            }
            return PublicChangeCounters(counters)
        }

        func notify() { state.withLock { $0.pending += 1 } }
        func set(_ changes: [String: Int64]) { state.withLock { $0.counters = Self.counters(changes) } }
        func lose() { state.withLock { $0.isLost = true } }
        var readings: Int { state.withLock { $0.readings } }

        /// Holds up the reading numbered `reading` until the returned gate opens.
        func hold(reading: Int) -> Gate {
            let gate = Gate()
            state.withLock { $0.held = (reading, gate) }
            return gate
        }

        /// Waits until the follower made `readings` readings and waits for notifications
        /// with none pending.
        func settle(after readings: Int) async throws {
            while !state.withLock({ $0.readings >= readings && $0.isIdle }) {
                try await Task.sleep(for: .milliseconds(2))
            }
        }

        func notifications(waitingUpTo timeout: Duration) async throws -> Int {
            let deadline = ContinuousClock.now + timeout
            while true {
                let count = try state.withLock { state in
                    guard !state.isLost else { throw Lost() }
                    let count = state.pending
                    state.pending = 0
                    state.isIdle = count == 0
                    return count
                }
                if count > 0 || Task.isCancelled || ContinuousClock.now >= deadline { return count }
                try? await Task.sleep(for: .milliseconds(1))
            }
        }

        func counters() async throws -> PublicChangeCounters {
            let (counters, gate) = state.withLock { state in
                state.readings += 1
                state.isIdle = false
                return (state.counters, state.held.flatMap { $0.reading == state.readings ? $0.gate : nil })
            }
            await gate?.pass()
            return counters
        }
    }

    private let tenants = ["a", "b", "c"]
    private let logger = Logger(label: "micic.tests.changes") { _ in SwiftLogNoOpLogHandler() }

    /// Keeps an answer for each tenant.
    private func fill(_ cache: ResponseCache, tenants: [String]) async throws {
        for tenant in tenants {
            _ = try await cache.representation(for: ResponseCache.Key(tenant: tenant, answer: "list"), now: Date()) {
                Representation(json: "\"\(tenant)\"", maxAge: 5, expires: Date().addingTimeInterval(60))
            }
        }
    }

    /// The tenants whose answer is kept.
    private func kept(_ cache: ResponseCache) -> [String] {
        tenants.filter { cache.kept(ResponseCache.Key(tenant: $0, answer: "list"), now: Date()) != nil }
    }

    @Test func aBurstOfNotificationsCostsOneReadingMoreAndForgetsOnlyWhatMoved() async throws {
        let cache = ResponseCache(lifetime: 60)
        let feed = ScriptedFeed(["a": 1, "b": 1, "c": 1])
        let following = Task {
            var follower = ChangeFollower(cache: cache, logger: logger)
            try await follower.follow(feed)
        }
        try await feed.settle(after: 1)
        #expect(cache.expiry(from: Date()).timeIntervalSinceNow > 50)
        try await fill(cache, tenants: tenants)

        // 2,000 notifications that moved nothing: one reading under way when the first came,
        // one more for the 1,999 that came during it; every answer is still kept.
        var gate = feed.hold(reading: 2)
        feed.notify()
        try await gate.reached()
        for _ in 0..<1_999 { feed.notify() }
        gate.open()
        try await feed.settle(after: 3)
        #expect(feed.readings == 3)
        #expect(kept(cache) == tenants)

        // A change to a, then one to b committed during the reading that sees a's: each
        // tenant loses its answers once its counter is seen to move, and c keeps its own.
        feed.set(["a": 2, "b": 1, "c": 1])
        gate = feed.hold(reading: 4)
        feed.notify()
        try await gate.reached()
        feed.set(["a": 2, "b": 2, "c": 1])
        for _ in 0..<999 { feed.notify() }
        gate.open()
        try await feed.settle(after: 5)
        #expect(feed.readings == 5)
        #expect(kept(cache) == ["c"])

        // A tenant the public did not see before: every answer goes (a 404 may be kept for it).
        try await fill(cache, tenants: ["a", "b"])
        feed.set(["a": 2, "b": 2, "c": 1, "d": 1])
        feed.notify()
        try await feed.settle(after: 6)
        #expect(kept(cache).isEmpty)

        following.cancel()
        try await following.value
        #expect(cache.expiry(from: Date()).timeIntervalSinceNow <= 1)
    }

    /// Follows `feed`, which must be lost.
    private func followUntilLost(_ follower: inout ChangeFollower, _ feed: ScriptedFeed) async throws {
        do {
            try await follower.follow(feed)
            Issue.record("the follower stopped without losing its feed")
        } catch is ScriptedFeed.Lost {}
    }

    @Test func aFollowerThatLostItsFeedForgetsWhatMovedMeanwhileWhenItHearsAgain() async throws {
        let cache = ResponseCache(lifetime: 60)
        var follower = ChangeFollower(cache: cache, logger: logger)
        let first = ScriptedFeed(["a": 1, "b": 1, "c": 1])
        first.lose()
        try await followUntilLost(&follower, first)
        // The listener marks the cache deaf; answers read meanwhile are kept a second at most.
        cache.setListening(false)
        #expect(follower.known == ScriptedFeed.counters(["a": 1, "b": 1, "c": 1]))
        try await fill(cache, tenants: tenants)

        let second = ScriptedFeed(["a": 1, "b": 3, "c": 1])
        second.lose()
        try await followUntilLost(&follower, second)
        #expect(kept(cache) == ["a", "c"])
        #expect(follower.known == ScriptedFeed.counters(["a": 1, "b": 3, "c": 1]))
    }
}
