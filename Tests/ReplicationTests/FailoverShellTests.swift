import Foundation
import LocalPostgres
import MicicTesting
import Testing

/// The shell on a URL that lists a primary and its standby: when the primary stops and the
/// standby is promoted, the next command reaches the new primary and says so once.
@Suite struct FailoverShellTests {
    @Test func theNextCommandAfterAFailoverWorksOnTheNewPrimary() async throws {
        let home = "/tmp/micic-fo-\(UUID().uuidString.prefix(8).lowercased())"
        defer { try? LocalReplicaSet.existing(home: home).destroy() }
        var environment = StandbyCommandLineTests.unset
        environment["MICIC_HOME"] = home
        environment["MICIC_HISTORY"] = home + "-history"
        defer { try? FileManager.default.removeItem(atPath: home + "-history") }
        let start = try await ExecutableRun("micic", ["db", "start", "--standbys", "1"], environment: environment)
        #expect(start.status == 0, "\(start.standardError)")
        let prefix = "writes (whichever server takes them): "
        let writes = start.standardError.split(separator: "\n").first { $0.hasPrefix(prefix) }.map {
            String($0.dropFirst(prefix.count))
        }
        guard let writes else {
            Issue.record("no URL for writes: \(start.standardError)")
            return
        }
        let set = LocalReplicaSet.existing(home: home)
        environment["DATABASE_URL"] = writes

        let shell = try TerminalSession("micic", environment: environment)
        try await shell.pause(1.5)
        shell.type("tenant create aa --name Before --default-language en --languages en\n")
        try await shell.pause(1.5)
        try set.primary.stop()
        try set.standbys[0].promote()
        shell.type("tenant create bb --name After --default-language en --languages en\n")
        try await shell.pause(2)
        shell.type("tenants --format ids\n")
        try await shell.pause(1.5)
        shell.type("\u{4}")
        let screen = try await shell.finish()

        let notices =
            screen.components(separatedBy: "connected again to socket \(set.standbys[0].socketDirectory)").count - 1
        #expect(notices == 1, "\(screen)")
        #expect(screen.contains("aa\r\nbb"), "\(screen)")
        #expect(!set.standbys[0].isStandby)
    }
}
