internal import Foundation
internal import Synchronization

/// The API's answers, kept by request (tenant, route, parameters, language preference)
/// until they expire: a short lifetime, cut at the tenant's next scheduled change.
///
/// Concurrent requests for an answer being read wait for that one reading rather than each
/// reading the database. When it is full, expired answers go first, then all of them.
final class ResponseCache: Sendable {
    private enum Slot {
        case ready(Representation)
        case loading(Task<Representation, any Error>)
    }

    private let slots = Mutex<[String: Slot]>([:])
    /// The most answers kept.
    let capacity: Int
    /// Whether answers are kept at all.
    let isEnabled: Bool

    /// A cache of up to `capacity` answers; nothing is kept when `enabled` is false.
    init(capacity: Int = 10_000, enabled: Bool = true) {
        self.capacity = capacity
        isEnabled = enabled
    }

    /// The answer for `key`: the one kept if it has not expired at `now`, else `load`'s.
    func representation(
        for key: String,
        now: Date,
        load: @escaping @Sendable () async throws -> Representation
    ) async throws -> Representation {
        guard isEnabled else { return try await load() }
        enum Found {
            case kept(Representation)
            case reading(Task<Representation, any Error>)
        }
        let found: Found = slots.withLock { slots in
            switch slots[key] {
            case .ready(let representation) where representation.expires > now:
                return .kept(representation)
            case .loading(let task):
                return .reading(task)
            default:
                if slots.count >= capacity { Self.evict(&slots, now: now, capacity: capacity) }
                let task = Task { try await self.fill(key, load) }
                slots[key] = .loading(task)
                return .reading(task)
            }
        }
        switch found {
        case .kept(let representation): return representation
        case .reading(let task): return try await task.value
        }
    }

    /// Forgets every answer.
    func removeAll() {
        slots.withLock { $0.removeAll() }
    }

    private func fill(
        _ key: String,
        _ load: @Sendable () async throws -> Representation
    ) async throws
        -> Representation
    {
        do {
            let representation = try await load()
            slots.withLock { $0[key] = .ready(representation) }
            return representation
        } catch {
            slots.withLock { $0[key] = nil }
            throw error
        }
    }

    private static func evict(_ slots: inout [String: Slot], now: Date, capacity: Int) {
        slots = slots.filter { _, slot in
            if case .ready(let representation) = slot { return representation.expires > now }
            return true
        }
        if slots.count >= capacity / 2 {
            slots = slots.filter { _, slot in
                if case .loading = slot { return true }
                return false
            }
        }
    }
}
