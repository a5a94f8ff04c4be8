import Foundation
import LocalPostgres

/// A failover formation under the temporary directory for one test, destroyed afterwards.
enum ThrowawayFormation {
    static func with<Value>(_ body: (LocalFailoverCluster) async throws -> Value) async throws -> Value {
        let home = "/tmp/micic-af-\(UUID().uuidString.prefix(8).lowercased())"
        let formation = LocalFailoverCluster(home: home, settings: ["fsync": "off", "full_page_writes": "off"])
        defer { try? formation.destroy() }
        try formation.start()
        return try await body(formation)
    }
}
