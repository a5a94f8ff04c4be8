import LocalPostgres
import Postgres
import Store

extension DatabaseOptions {
    /// Where `micic serve` reads, as whom: a configured database as the role its URL (or
    /// the `PG*` variables) names, which must be a member of `micic_public` and nothing
    /// more; or the local database, started and migrated first, as `micic_web`, a login
    /// role made a member of `micic_public` here when it is missing.
    func publicReaderConfiguration() async throws -> ConnectionConfiguration {
        if let configured = try configured() { return configured }
        let owner = try await connect(as: .owner, migrate: true)
        let login = PublicReader.localLoginRole
        try await owner.run { try PublicReader.ensureLocalLogin(on: $0) }
        await owner.close()
        return try ConnectionConfiguration(url: LocalDatabase.current.url(), parameters: ["user": login])
    }
}
