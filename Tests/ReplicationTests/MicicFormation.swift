import Foundation
import LocalPostgres
import MicicTesting
import Postgres

/// A failover formation made by `micic db start --failover` under a throwaway `MICIC_HOME`,
/// with the demonstration content, for tests of the command line across a failover.
struct MicicFormation {
    let formation: LocalFailoverCluster
    /// The variables every `micic` run gets: the formation's home, and no configured database.
    let environment: [String: String?]

    /// Makes the formation and loads the demo, runs `body`, and destroys everything after.
    static func with(_ body: (MicicFormation) async throws -> Void) async throws {
        let home = "/tmp/micic-fx-\(UUID().uuidString.prefix(8).lowercased())"
        let formation = LocalFailoverCluster(home: home)
        defer {
            try? formation.destroy()
            for suffix in [".ndjson", "-history"] { try? FileManager.default.removeItem(atPath: home + suffix) }
        }
        var environment = StandbyCommandLineTests.unset
        environment["MICIC_HOME"] = home
        environment["MICIC_HISTORY"] = home + "-history"
        let session = MicicFormation(formation: formation, environment: environment)
        let start = try await session.run(["db", "start", "--failover"])
        guard start.status == 0 else { throw FormationFailure(message: start.standardError) }
        let demo = try await session.run(["demo", "load"])
        guard demo.status == 0 else { throw FormationFailure(message: demo.standardError) }
        try await body(session)
    }

    /// Runs `micic` with `arguments` to its end.
    func run(_ arguments: [String]) async throws -> ExecutableRun {
        try await ExecutableRun("micic", arguments, environment: environment)
    }

    /// Writes `rows` practices for `micic import` (titles `<title> 1`...), and returns the file.
    func practices(_ rows: Int, title: String) async throws -> String {
        var text = ""
        for index in 1...rows {
            text += "{\"title\": \"\(title) \(index)\", \"phases\": [\"preparedness\"], "
            text += "\"countries\": [\"CR\"], \"body\": \"Texto de la práctica.\"}\n"
        }
        let file = formation.home + ".ndjson"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// A number `sql` finds, as the superuser, on whichever node takes writes now.
    func count(_ sql: String) async throws -> Int {
        let connection = try await Connection.connect(ConnectionConfiguration(url: formation.url()))
        do {
            let count = try await connection.query(Query(unsafeSQL: sql))[0].decode(Int.self, at: 0)
            await connection.close()
            return count
        } catch {
            await connection.close()
            throw error
        }
    }
}

/// The formation could not be made or loaded.
struct FormationFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
