import Foundation
import MicicTesting
import Testing

/// A test database holding the demonstration content, and the executable run against it.
struct DemoDatabase {
    let database: TestDatabase

    /// Runs `body` with a fresh database into which `micic demo load` put the demonstration content.
    static func with(_ body: (DemoDatabase) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let load = try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url])
            #expect(load.status == 0, "\(load.standardError)")
            try await body(DemoDatabase(database: database))
        }
    }

    /// `micic -c command`, as the test server's superuser or as `person`, in `directory`.
    func micic(_ command: String, as person: String? = nil, in directory: String? = nil) async throws -> ExecutableRun {
        try await run(["-c", command], as: person, in: directory)
    }

    /// `micic arguments...`, as the test server's superuser or as `person`, in `directory`.
    func run(_ arguments: [String], as person: String? = nil, in directory: String? = nil) async throws -> ExecutableRun
    {
        let url = try person.map { try database.url(as: $0) } ?? database.url
        return try await ExecutableRun("micic", arguments, environment: ["DATABASE_URL": url], directory: directory)
    }

    /// The number of `sql` returns for a count query.
    func count(_ query: String) async throws -> Int {
        let run = try await micic("sql \"\(query)\" --format ids")
        return Int(run.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}

/// A scratch directory for a test's files, removed afterwards.
struct ScratchDirectory: ~Copyable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("micic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// Writes `text` to `name` and returns its path.
    func write(_ name: String, _ text: String) async throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }
}
