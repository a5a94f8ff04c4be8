import Foundation
import LocalPostgres
import MicicTesting

/// A failover formation under the temporary directory for one test, destroyed afterwards.
enum ThrowawayFormation {
    static func with<Value>(_ body: (LocalFailoverCluster) async throws -> Value) async throws -> Value {
        let home = "/tmp/micic-af-\(UUID().uuidString.prefix(8).lowercased())"
        let formation = LocalFailoverCluster(home: home, settings: ["fsync": "off", "full_page_writes": "off"])
        defer { try? formation.destroy() }
        try await onOwnThread { try formation.start() }
        return try await body(formation)
    }
}
