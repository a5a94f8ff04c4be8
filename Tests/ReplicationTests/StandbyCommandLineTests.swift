import Foundation
import LocalPostgres
import MicicTesting
import Testing

/// `micic db start --standbys N`, run as a person would.
@Suite struct StandbyCommandLineTests {
    /// Variables that would make micic pick a database other than the local one.
    static let unset: [String: String?] = [
        "DATABASE_URL": nil, "PGHOST": nil, "PGHOSTADDR": nil, "PGPORT": nil, "PGDATABASE": nil, "PGUSER": nil,
        "PGSERVICE": nil,
    ]

    @Test func dbStartMakesStandbysThatStatusListsAndStopStops() async throws {
        let home = "/tmp/micic-sb-\(UUID().uuidString.prefix(8).lowercased())"
        defer { try? LocalReplicaSet.existing(home: home).destroy() }
        var environment = Self.unset
        environment["MICIC_HOME"] = home
        let start = try await ExecutableRun("micic", ["db", "start", "--standbys", "1"], environment: environment)
        #expect(start.status == 0, "\(start.standardError)")
        #expect(start.standardError.contains("target_session_attrs=read-write"))
        #expect(start.standardError.contains("standby (reads): postgresql://"))
        let status = try await ExecutableRun("micic", ["db", "status"], environment: environment)
        #expect(status.standardOutput.contains("standby running"), "\(status.standardOutput)")
        #expect(LocalReplicaSet.existing(home: home).standbys.first?.isStandby == true)
        let stop = try await ExecutableRun("micic", ["db", "stop"], environment: environment)
        #expect(stop.status == 0, "\(stop.standardError)")
        let stopped = try await ExecutableRun("micic", ["db", "status"], environment: environment)
        #expect(stopped.standardOutput.hasPrefix("stopped"))
        #expect(stopped.standardOutput.contains("standby stopped"))
    }
}
