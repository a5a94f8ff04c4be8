internal import Foundation
internal import Synchronization

/// How far the primary's log had gone when the server last heard of a change to content: a
/// standby serves a reading only once it has replayed that far, so no page older than a
/// change the server was told of is read from it and kept.
///
/// The change listener raises it, from `pg_current_wal_lsn()` read with the change counters
/// (after the commit that notified, so past its commit record), before the cache forgets the
/// answers the change moved: a reading begun after that forgetting waits for the standby (or
/// goes elsewhere), and one begun before it is not kept.
final class ReplayFloor: Sendable {
    /// The position and when it was raised to it.
    struct Mark: Sendable {
        var position: LogPosition
        var raised: Date
    }

    private let mark = Mutex<Mark?>(nil)

    init() {}

    /// The floor now, or `nil` before the server heard of anything.
    var current: Mark? {
        mark.withLock { $0 }
    }

    /// Raises the floor to `position` (a lower one changes nothing).
    func raise(to position: LogPosition, at time: Date = Date()) {
        mark.withLock { mark in
            if let mark, mark.position >= position { return }
            mark = Mark(position: position, raised: time)
        }
    }
}
