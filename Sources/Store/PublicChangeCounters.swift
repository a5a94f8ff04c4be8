/// How many committed transactions changed each tenant the public sees, as one reading of
/// `public_change_counters` found them (`Schema/kernel/0018_public_change_counters.sql`).
/// Only a committed change moves a counter, so two readings tell a cache which tenants'
/// answers may have changed in between; a notification alone proves nothing.
///
/// ```swift
/// let before = try reader.changeCounters(on: connection)
/// // ... a notification arrives ...
/// let after = try reader.changeCounters(on: connection)
/// switch after.changes(since: before) {
/// case .nothing: break
/// case .tenants(let codes): forget(codes)
/// case .everything: forgetAll()
/// }
/// ```
public struct PublicChangeCounters: Sendable, Equatable {
    /// A tenant's code and its counter.
    public struct Counter: Sendable, Equatable {
        /// The tenant's code.
        public var code: String
        /// How many committed transactions changed it.
        public var changes: Int64

        /// A counter.
        public init(code: String, changes: Int64) {
            self.code = code
            self.changes = changes
        }
    }

    /// What changed between two readings.
    public enum Change: Sendable, Equatable {
        /// Nothing the public sees.
        case nothing
        /// The content of these tenants (by code).
        case tenants(Set<String>)
        /// The tenants themselves: one appeared, went (or was archived) or changed its code.
        case everything
    }

    /// Each tenant's counter, by the tenant's id.
    public var counters: [Int64: Counter]

    /// Counters.
    public init(_ counters: [Int64: Counter]) {
        self.counters = counters
    }

    /// What changed since `earlier` was read.
    public func changes(since earlier: PublicChangeCounters) -> Change {
        guard counters.count == earlier.counters.count else { return .everything }
        var moved: Set<String> = []
        for (id, counter) in counters {
            guard let before = earlier.counters[id], before.code == counter.code else { return .everything }
            if before.changes != counter.changes { moved.insert(counter.code) }
        }
        return moved.isEmpty ? .nothing : .tenants(moved)
    }
}
