import Foundation
import Kernel
import Postgres
import Store

/// A published practice whose title the serve-standby benchmark changes before each run: the
/// servers that hear of the change forget the tenant's answers, so the run's pages are read
/// again.
struct Sentinel {
    /// Its page.
    let path: String
    let id: Int64

    /// Gives it the title `title` on the primary, through the content store, and waits until
    /// every one of `servers` answers with it (within 30 seconds).
    func change(to title: String, on replicas: BenchReplicaSet, seenBy servers: [String]) async throws {
        let connection = try await BenchContext.connect(url: replicas.primaryURL())
        let tenant = BenchContext.contentTenant.code
        let store = PostgresContentStore(connection: connection, registry: try BenchContext.contentRegistry())
        do {
            let item = try await store.item(id: id, tenant: tenant)
            _ = try await store.update(
                id: id,
                tenant: tenant,
                expectedVersion: item.version,
                changes: ItemChanges(title: title),
                author: "bench",
                message: nil
            )
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        let deadline = ContinuousClock.now + .seconds(30)
        for server in servers {
            while try await BenchHTTP.object(server + path)["title"] as? String != title {
                guard ContinuousClock.now < deadline else {
                    throw BenchError(message: "\(server) did not hear of a change within 30 seconds")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
