internal import Foundation
internal import NIOCore
internal import Synchronization

/// The API's answers, kept by request (tenant, route, parameters, language preference).
///
/// An answer is kept for the cache's lifetime while the server hears of every change to
/// content (``ChangeListener``), and at most a second while it does not; never past the
/// tenant's next scheduled change (``Representation/expires``). A change to a tenant's
/// content forgets that tenant's answers (a change to the tenants, every answer), and the
/// readings of them under way when it came are not kept. Concurrent requests for an answer
/// being read wait for that one reading. When it is full (in answers or in bytes), expired
/// answers go first, then all of them.
final class ResponseCache: Sendable {
    /// What an answer is kept under: its tenant's code, and what identifies it within the
    /// tenant (route, parameters, language preference).
    struct Key: Hashable, Sendable {
        let tenant: String
        let answer: String
    }

    private enum Slot {
        case ready(Representation)
        case loading(id: UInt64, Task<Representation, any Error>)
    }

    private struct State {
        /// Answers and readings under way. A reading is kept only if its slot is still there
        /// when it ends: forgetting one drops it.
        var slots: [Key: Slot] = [:]
        /// The bytes of the bodies kept.
        var bytes = 0
        var nextReading: UInt64 = 0
        var isListening = false
    }

    private let state = Mutex(State())
    private let forgettings = Atomic<UInt64>(0)
    /// The most answers kept.
    let capacity: Int
    /// The most bytes of bodies kept.
    let byteCapacity: Int
    /// Seconds an answer is kept while the server hears of changes.
    let lifetime: Double
    /// Seconds an answer is kept while it does not.
    let unheardLifetime: Double

    /// A cache keeping up to `capacity` answers for `lifetime` seconds (nothing when 0).
    init(capacity: Int = 10_000, byteCapacity: Int = 64 << 20, lifetime: Double) {
        self.capacity = capacity
        self.byteCapacity = byteCapacity
        self.lifetime = lifetime
        unheardLifetime = min(lifetime, 1)
    }

    /// Until when an answer whose reading began at `start` may be kept.
    func expiry(from start: Date) -> Date {
        start.addingTimeInterval(state.withLock { $0.isListening } ? lifetime : unheardLifetime)
    }

    /// The answer for `key`: the one kept if it has not expired at `now`, else `load`'s.
    func representation(
        for key: Key,
        now: Date,
        load: @escaping @Sendable () async throws -> Representation
    ) async throws -> Representation {
        guard lifetime > 0 else { return try await load() }
        enum Found {
            case kept(Representation)
            case reading(Task<Representation, any Error>)
        }
        let found: Found = state.withLock { state in
            switch state.slots[key] {
            case .ready(let representation) where representation.expires > now:
                return .kept(representation)
            case .loading(_, let task):
                return .reading(task)
            default:
                if state.slots.count >= capacity || state.bytes >= byteCapacity { evict(&state, now: now) }
                state.nextReading += 1
                let id = state.nextReading
                let task = Task { try await self.fill(key, id: id, load) }
                state.slots[key] = .loading(id: id, task)
                return .reading(task)
            }
        }
        switch found {
        case .kept(let representation): return representation
        case .reading(let task): return try await task.value
        }
    }

    /// The answer kept for `key` if it has not expired at `now`.
    func kept(_ key: Key, now: Date) -> Representation? {
        state.withLock { state in
            guard case .ready(let representation) = state.slots[key], representation.expires > now else { return nil }
            return representation
        }
    }

    /// How many times answers were forgotten: an answer found kept while it was `n` is
    /// still kept (until it expires) while it is still `n`. Read it before looking the answer
    /// up.
    var generation: UInt64 {
        forgettings.load(ordering: .acquiring)
    }

    /// Forgets every answer and every reading under way: the tenants changed.
    func invalidate() {
        state.withLock { state in
            state.slots.removeAll()
            state.bytes = 0
        }
        forget()
    }

    private func forget() {
        forgettings.add(1, ordering: .releasing)
    }

    /// Forgets the answers of `tenants` (by code) and the readings of them under way: their
    /// content changed.
    func invalidate(tenants: Set<String>) {
        state.withLock { state in
            state.slots = state.slots.filter { key, _ in !tenants.contains(key.tenant) }
            state.bytes = Self.bytes(of: state.slots)
        }
        forget()
    }

    /// Records whether the server hears of every change now. Going deaf forgets every
    /// answer (one kept a minute could go stale unheard); whoever starts hearing again
    /// forgets what changed meanwhile (``ChangeFollower``).
    func setListening(_ listening: Bool) {
        let forgot = state.withLock { state in
            guard state.isListening != listening else { return false }
            state.isListening = listening
            guard !listening else { return false }
            state.slots.removeAll()
            state.bytes = 0
            return true
        }
        if forgot { forget() }
    }

    private func fill(
        _ key: Key,
        id: UInt64,
        _ load: @Sendable () async throws -> Representation
    ) async throws -> Representation {
        do {
            let representation = try await load()
            state.withLock { state in
                guard case .loading(let current, _) = state.slots[key], current == id else { return }
                state.slots[key] = .ready(representation)
                state.bytes += representation.body.readableBytes
            }
            return representation
        } catch {
            state.withLock { state in
                if case .loading(let current, _) = state.slots[key], current == id { state.slots[key] = nil }
            }
            throw error
        }
    }

    private func evict(_ state: inout State, now: Date) {
        state.slots = state.slots.filter { _, slot in
            if case .ready(let representation) = slot { return representation.expires > now }
            return true
        }
        if state.slots.count >= capacity / 2 || Self.bytes(of: state.slots) >= byteCapacity / 2 {
            state.slots = state.slots.filter { _, slot in
                if case .loading = slot { return true }
                return false
            }
        }
        state.bytes = Self.bytes(of: state.slots)
        forget()
    }

    private static func bytes(of slots: [Key: Slot]) -> Int {
        slots.values.reduce(0) { total, slot in
            if case .ready(let representation) = slot { return total + representation.body.readableBytes }
            return total
        }
    }
}
