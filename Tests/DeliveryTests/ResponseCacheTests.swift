import Foundation
import Synchronization
import Testing

@testable import Delivery

/// The response cache: lifetimes, invalidation, and one reading for concurrent requests.
@Suite struct ResponseCacheTests {
    private final class Counter: Sendable {
        let value = Mutex(0)
        func next() -> Int {
            value.withLock {
                $0 += 1
                return $0
            }
        }
    }

    private func answer(_ text: String, expires: Date) -> Representation {
        Representation(json: "\"\(text)\"", maxAge: 5, expires: expires)
    }

    @Test func answersAreKeptUntilTheyExpireOrAChangeIsHeard() async throws {
        let cache = ResponseCache(lifetime: 60)
        let reads = Counter()
        let now = Date()
        #expect(cache.expiry(from: now) == now.addingTimeInterval(1))
        cache.setListening(true)
        #expect(cache.expiry(from: now) == now.addingTimeInterval(60))
        let load: @Sendable () async throws -> Representation = {
            self.answer("read \(reads.next())", expires: cache.expiry(from: now))
        }
        let first = try await cache.representation(for: "k", now: now, load: load)
        let again = try await cache.representation(for: "k", now: now.addingTimeInterval(30), load: load)
        #expect(first.entityTag == again.entityTag)
        _ = try await cache.representation(for: "k", now: now.addingTimeInterval(61), load: load)
        #expect(reads.value.withLock { $0 } == 2)
        cache.invalidate()
        _ = try await cache.representation(for: "k", now: now, load: load)
        #expect(reads.value.withLock { $0 } == 3)
        // What was kept while listening is forgotten when the server stops hearing.
        cache.setListening(false)
        _ = try await cache.representation(for: "k", now: now, load: load)
        #expect(reads.value.withLock { $0 } == 4)
    }

    /// A reading that waits until it is let go.
    private final class Gate: Sendable {
        let waiting = Mutex<CheckedContinuation<Void, Never>?>(nil)
        func pass() async { await withCheckedContinuation { continuation in waiting.withLock { $0 = continuation } } }
        func reached() async throws {
            while waiting.withLock({ $0 == nil }) { try await Task.sleep(for: .milliseconds(5)) }
        }
        func open() { waiting.withLock { $0?.resume() } }
    }

    /// A reading counted by `reads`, the first of which waits at `gate`.
    private func slowReading(counting reads: Counter, held gate: Gate) -> @Sendable () async throws -> Representation {
        {
            let read = reads.next()
            if read == 1 { await gate.pass() }
            return self.answer("read \(read)", expires: Date().addingTimeInterval(60))
        }
    }

    @Test func concurrentRequestsShareOneReading() async throws {
        let cache = ResponseCache(lifetime: 60)
        cache.setListening(true)
        let reads = Counter()
        let gate = Gate()
        let slow = slowReading(counting: reads, held: gate)
        let tags = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<10 {
                group.addTask { try await cache.representation(for: "k", now: Date(), load: slow).entityTag }
            }
            try await gate.reached()
            try await Task.sleep(for: .milliseconds(50))
            gate.open()
            return try await group.reduce(into: Set<String?>()) { $0.insert($1) }
        }
        #expect(tags.count == 1)
        #expect(reads.value.withLock { $0 } == 1)
    }

    @Test func aReadingBegunBeforeAChangeIsNotKept() async throws {
        let cache = ResponseCache(lifetime: 60)
        cache.setListening(true)
        let reads = Counter()
        let gate = Gate()
        let slow = slowReading(counting: reads, held: gate)
        async let first = cache.representation(for: "k", now: Date(), load: slow)
        try await gate.reached()
        cache.invalidate()
        gate.open()
        let before = try await first
        let after = try await cache.representation(for: "k", now: Date(), load: slow)
        #expect(before.entityTag != after.entityTag)
        #expect(reads.value.withLock { $0 } == 2)
    }

    @Test func aFullCacheMakesRoomByTheBytesItHolds() async throws {
        let cache = ResponseCache(byteCapacity: 1_000, lifetime: 60)
        cache.setListening(true)
        let reads = Counter()
        let big: @Sendable () async throws -> Representation = {
            _ = reads.next()
            return Representation(json: String(repeating: "x", count: 600), maxAge: 5, expires: .distantFuture)
        }
        for key in ["a", "b", "c"] { _ = try await cache.representation(for: key, now: Date(), load: big) }
        #expect(cache.kept("a", now: Date()) == nil)
        #expect(cache.kept("c", now: Date()) != nil)
        #expect(reads.value.withLock { $0 } == 3)
    }

    @Test func aScheduledChangeCutsTheLifetimeAndMaxAge() {
        let now = Date()
        let soon = now.addingTimeInterval(3)
        let representation = Representation(
            json: "{}",
            maxAge: 60,
            nextChange: soon,
            expires: now.addingTimeInterval(60)
        )
        #expect(representation.expires == soon)
        #expect(representation.maxAge(at: now) == 3)
        #expect(representation.maxAge(at: soon.addingTimeInterval(1)) == 0)
    }
}
