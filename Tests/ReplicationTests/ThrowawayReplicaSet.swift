import Foundation
import LocalPostgres
import MicicTesting

/// A replica set under the temporary directory for one test, destroyed afterwards.
enum ThrowawayReplicaSet {
    static func with<Value>(
        standbys: Int,
        _ body: (LocalReplicaSet) async throws -> Value
    ) async throws -> Value {
        let home = "/tmp/micic-rs-\(UUID().uuidString.prefix(8).lowercased())"
        let set = LocalReplicaSet(
            home: home,
            standbys: standbys,
            database: "postgres",
            settings: ["fsync": "off", "full_page_writes": "off", "wal_receiver_status_interval": "1"]
        )
        defer { try? set.destroy() }
        try await onOwnThread { try set.start() }
        return try await body(set)
    }
}
