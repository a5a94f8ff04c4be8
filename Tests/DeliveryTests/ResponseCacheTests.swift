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

    /// The answer `answer` of tenant `tenant`.
    private func key(_ answer: String, of tenant: String = "t") -> ResponseCache.Key {
        ResponseCache.Key(tenant: tenant, answer: answer)
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
        let first = try await cache.representation(for: key("k"), now: now, load: load)
        let again = try await cache.representation(for: key("k"), now: now.addingTimeInterval(30), load: load)
        #expect(first.entityTag == again.entityTag)
        _ = try await cache.representation(for: key("k"), now: now.addingTimeInterval(61), load: load)
        #expect(reads.value.withLock { $0 } == 2)
        cache.invalidate()
        _ = try await cache.representation(for: key("k"), now: now, load: load)
        #expect(reads.value.withLock { $0 } == 3)
        // What was kept while listening is forgotten when the server stops hearing.
        cache.setListening(false)
        _ = try await cache.representation(for: key("k"), now: now, load: load)
        #expect(reads.value.withLock { $0 } == 4)
    }

    /// The generation moves whenever answers are forgotten, and only then: an answer found
    /// kept is still kept while it stays (what a connection's last answer relies on).
    @Test func theGenerationMovesWhenAnswersAreForgotten() async throws {
        let cache = ResponseCache(capacity: 2, lifetime: 60)
        cache.setListening(true)
        let now = Date()
        var generation = cache.generation
        func moved() -> Bool {
            defer { generation = cache.generation }
            return cache.generation != generation
        }
        let load: @Sendable () async throws -> Representation = {
            self.answer("a", expires: now.addingTimeInterval(60))
        }
        _ = try await cache.representation(for: key("a"), now: now, load: load)
        _ = try await cache.representation(for: key("a"), now: now, load: load)
        #expect(!moved())
        cache.invalidate(tenants: ["other"])
        #expect(moved())
        cache.invalidate()
        #expect(moved())
        cache.setListening(false)
        #expect(moved())
        cache.setListening(true)
        _ = try await cache.representation(for: key("a"), now: now, load: load)
        _ = try await cache.representation(for: key("b"), now: now, load: load)
        #expect(!moved())
        // Full: the next reading evicts.
        _ = try await cache.representation(for: key("c"), now: now, load: load)
        #expect(moved())
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
                group.addTask { try await cache.representation(for: key("k"), now: Date(), load: slow).entityTag }
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
        async let first = cache.representation(for: key("k"), now: Date(), load: slow)
        try await gate.reached()
        cache.invalidate()
        gate.open()
        let before = try await first
        let after = try await cache.representation(for: key("k"), now: Date(), load: slow)
        #expect(before.entityTag != after.entityTag)
        #expect(reads.value.withLock { $0 } == 2)
    }

    @Test func aChangeToATenantForgetsItsAnswersAndReadingsOnly() async throws {
        let cache = ResponseCache(lifetime: 60)
        cache.setListening(true)
        let reads = Counter()
        let load: @Sendable () async throws -> Representation = {
            self.answer("read \(reads.next())", expires: Date().addingTimeInterval(60))
        }
        for tenant in ["a", "b"] {
            for name in ["x", "y"] {
                _ = try await cache.representation(for: key(name, of: tenant), now: Date(), load: load)
            }
        }
        let gate = Gate()
        async let underWay = cache.representation(for: key("z", of: "b"), now: Date()) {
            await gate.pass()
            return self.answer("read before the change", expires: Date().addingTimeInterval(60))
        }
        try await gate.reached()
        cache.invalidate(tenants: ["b"])
        gate.open()
        _ = try await underWay
        for name in ["x", "y"] {
            #expect(cache.kept(key(name, of: "a"), now: Date()) != nil)
            #expect(cache.kept(key(name, of: "b"), now: Date()) == nil)
        }
        #expect(cache.kept(key("z", of: "b"), now: Date()) == nil)
        cache.invalidate(tenants: [])
        #expect(cache.kept(key("x", of: "a"), now: Date()) != nil)
        // Hearing again forgets nothing by itself (the follower forgets what changed).
        cache.setListening(true)
        #expect(cache.kept(key("x", of: "a"), now: Date()) != nil)
        cache.invalidate()
        #expect(cache.kept(key("x", of: "a"), now: Date()) == nil)
        #expect(reads.value.withLock { $0 } == 4)
    }

    @Test func aFullCacheMakesRoomByTheBytesItHolds() async throws {
        let cache = ResponseCache(byteCapacity: 1_000, lifetime: 60)
        cache.setListening(true)
        let reads = Counter()
        let big: @Sendable () async throws -> Representation = {
            _ = reads.next()
            return Representation(json: String(repeating: "x", count: 600), maxAge: 5, expires: .distantFuture)
        }
        for name in ["a", "b", "c"] { _ = try await cache.representation(for: key(name), now: Date(), load: big) }
        #expect(cache.kept(key("a"), now: Date()) == nil)
        #expect(cache.kept(key("c"), now: Date()) != nil)
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
