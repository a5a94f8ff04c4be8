import Foundation
import MicicTesting
import Testing

/// The shell through the built executable against a real database with the demo content.
@Suite struct ShellCommandLineTests {
    private func withDemo(_ body: (TestDatabase) async throws -> Void) async throws {
        try await TestDatabase.with { database in
            let load = try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url])
            #expect(load.status == 0, "\(load.standardError)")
            try await body(database)
        }
    }

    private func micic(
        _ database: TestDatabase,
        _ arguments: [String],
        input: String? = nil
    ) async throws -> ExecutableRun {
        try await ExecutableRun("micic", arguments, environment: ["DATABASE_URL": database.url], input: input)
    }

    @Test func commandsRunFromTheCommandLineAStringOrStandardInput() async throws {
        try await withDemo { database in
            let oneShot = try await micic(database, ["-c", "use cr; practice list --format count"])
            #expect(oneShot.status == 0)
            let count = Int(oneShot.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            #expect(count >= 2)
            let piped = try await micic(database, [], input: "use cr\npractice list --format count\n")
            #expect(piped.standardOutput == oneShot.standardOutput)
            let json = try await micic(database, ["-c", "news list --tenant cr --format json"])
            let parsed = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [[String: Any]]
            #expect((parsed?.count ?? 0) >= 2)
            let csv = try await micic(database, ["-c", "tenants --format csv --fields code,name"])
            #expect(csv.standardOutput.hasPrefix("code,name\r\n"))
            #expect(csv.standardOutput.contains("cr,IOM Costa Rica\r\n"))
            let ids = try await micic(database, ["-c", "use hq; tool list --status published --format ids"])
            #expect(ids.standardOutput.split(separator: "\n").allSatisfy { Int($0) != nil })
        }
    }

    @Test func exitCodesAreDistinct() async throws {
        try await withDemo { database in
            await #expect(try micic(database, ["-c", "use cr; practice list --format count"]).status == 0)
            let failed = try await micic(database, ["-c", "use cr; practice create --title \"\""])
            #expect(failed.status == 1)
            #expect(failed.standardError.contains("title is required"))
            #expect(failed.standardOutput.isEmpty)
            let usage = try await micic(database, ["-c", "practise list"])
            #expect(usage.status == 2)
            #expect(usage.standardError.contains("did you mean practice"))
            let partial = try await micic(
                database,
                ["-c", "use cr; news list --format ids | news update --tags checked; news update 99999 --tags x"]
            )
            #expect(partial.status == 1)
            let mixed = try await micic(
                database,
                ["-c", "use cr; let n = news list; news update $n 99999 --tags checked"]
            )
            #expect(mixed.status == 3)
            #expect(mixed.standardError.contains("99999"))
            let practice = try await micic(database, ["-c", "practice list --tenant cr --format ids --limit 1"])
                .standardOutput
                .trimmingCharacters(in: .whitespacesAndNewlines)
            let wrongNoun = try await micic(database, ["-c", "use cr; event delete \(practice) --yes"])
            #expect(wrongNoun.status == 1)
            #expect(wrongNoun.standardError.contains("is a practice, not a event"))
            let badDate = try await micic(database, ["-c", "use cr; event list --start-after 2024-1-5"])
            #expect(badDate.status == 2)
            let refused = try await micic(database, ["-c", "use cr; news delete 1"])
            #expect(refused.status == 1)
            #expect(refused.standardError.contains("add --yes"))
        }
    }

    @Test func aScriptStopsAtItsErrorLine() async throws {
        try await withDemo { database in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("micic-\(UUID().uuidString).micic")
            try """
            # publish a note
            use $office
            practice create --title "From the script" --phases preparedness --countries CR
            practice create --title "Bad" --phases preparation --countries CR
            practice create --title "Never created" --phases preparedness --countries CR
            """.write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            let run = try await micic(database, ["run", file.path, "--set", "office=cr"])
            #expect(run.status == 1)
            #expect(run.standardError.contains("\(file.path):4:"))
            #expect(run.standardError.contains("preparation"))
            let titles = try await micic(database, ["-c", "use cr; practice list --fields title --format csv"])
                .standardOutput
            #expect(titles.contains("From the script"))
            #expect(!titles.contains("Never created"))
        }
    }

    @Test func theAuditLogKeepsTheCommandLineBehindEachEntry() async throws {
        try await withDemo { database in
            let create = "practice create --title \"Audited shelter\" --phases preparedness --countries CR --format ids"
            let created = try await micic(database, ["-c", "use cr; " + create])
            #expect(created.status == 0, "\(created.standardError)")
            let id = created.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            // A private field's value stays out of the log, which every member reads.
            let update = try await micic(
                database,
                ["-c", "use cr; practice update \(id) --submitter-contact ana@example.org"]
            )
            #expect(update.status == 0, "\(update.standardError)")
            let remove = "practice list --status draft --format ids | practice delete --yes"
            let script = "use cr\n" + remove + "\n"
            await #expect(try micic(database, [], input: script).status == 0)
            let commands = try await micic(
                database,
                ["-c", "audit \(id) --tenant cr --format csv --fields action,actor,command"]
            )
            #expect(commands.status == 0, "\(commands.standardError)")
            let rows = commands.standardOutput.split(separator: "\r\n").map(String.init)
            let author = database.url.split(separator: "//")[1].split(separator: "@")[0]
            // Newest first.
            #expect(
                rows == [
                    "action,actor,command", "delete,\(author),\(remove)",
                    "update,\(author),practice update \(id) --submitter-contact ...",
                    "create,\(author),\"" + create.replacing("\"", with: "\"\"") + "\"",
                ]
            )
            // Only what the person may read: another tenant's entries are not there to ask for.
            let elsewhere = try await micic(database, ["-c", "audit --tenant zz"])
            #expect(elsewhere.status == 1)
            #expect(elsewhere.standardError.contains("no tenant 'zz'"))
            let bad = try await micic(database, ["-c", "audit x --tenant cr"])
            #expect(bad.status == 2)
        }
    }

    @Test func dryRunsAndTransactionsLeaveNothingBehind() async throws {
        try await withDemo { database in
            let before = try await micic(database, ["-c", "use cr; practice list --format count --all"]).standardOutput
            let dry = try await micic(
                database,
                [
                    "-c",
                    "use cr; practice create --title \"Dry\" --phases preparedness --countries CR --dry-run --format ids",
                ]
            )
            #expect(dry.status == 0)
            #expect(Int(dry.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)) != nil)
            #expect(dry.standardError.contains("dry run"))
            let rolled = try await micic(
                database,
                [
                    "-c",
                    "use cr; begin; practice create --title \"Rolled\" --phases preparedness --countries CR; rollback",
                ]
            )
            #expect(rolled.status == 0)
            let after = try await micic(database, ["-c", "use cr; practice list --format count --all"]).standardOutput
            #expect(before == after)
            let committed = try await micic(
                database,
                ["-c", "use cr; begin; practice create --title \"Kept\" --phases preparedness --countries CR; commit"]
            )
            #expect(committed.status == 0)
            let kept = try await micic(database, ["-c", "use cr; practice show kept --format json --fields title"])
                .standardOutput
            #expect(kept.contains("Kept"))
        }
    }

    /// A script whose connection the server ended between two statements connects again
    /// before the next one, once, and says so; the open transaction is gone.
    @Test func aScriptConnectsAgainWhenItsConnectionWasLostBetweenStatements() async throws {
        try await withDemo { database in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent(
                "micic-lost-\(UUID().uuidString).micic"
            )
            defer { try? FileManager.default.removeItem(at: file) }
            try """
            begin
            sql "select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = current_database() \
            and application_name = 'micic' and pid <> pg_backend_pid()"
            tenants --format count
            tenants --format count
            """.write(to: file, atomically: true, encoding: .utf8)
            let run = try await micic(database, ["run", file.path])
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.hasSuffix("3\n3\n"), "\(run.standardOutput)")
            let notes = run.standardError.components(
                separatedBy:
                    "the connection to the server was lost; connected again: the open transaction was rolled back"
            )
            #expect(notes.count == 2, "\(run.standardError)")
        }
    }

    @Test func sqlIsReadOnly() async throws {
        try await withDemo { database in
            let read = try await micic(database, ["-c", "sql \"select code from tenants order by code\" --format ids"])
            #expect(read.standardOutput == "cr\nhq\nph\n")
            let write = try await micic(database, ["-c", "sql \"delete from items\""])
            #expect(write.status == 1)
            #expect(write.standardError.contains("read-only transaction"))
            let count = try await micic(database, ["-c", "sql \"select count(*) as n from items\" --format csv"])
                .standardOutput
            #expect(count != "n\r\n0\r\n")
        }
    }

    @Test func searchFindsRanksAndCountsTheTenantsContent() async throws {
        try await withDemo { database in
            func search(_ line: String, in tenant: String = "cr") async throws -> ExecutableRun {
                try await micic(database, ["-c", "use \(tenant); search \(line)"])
            }
            let phrase = try await search("\"personal consular\" --format csv --fields type,title")
            #expect(phrase.status == 0, "\(phrase.standardError)")
            #expect(
                Set(phrase.standardOutput.split(separator: "\r\n")) == [
                    "type,title", "practice,Capacitación en línea para personal consular en Mesoamérica",
                    "news,La OIM lanza una capacitación en línea para personal consular",
                ]
            )
            // Spanish inflections, exclusions and or.
            let inflected = try await search("capacitaciones --language es --format count")
            #expect((Int(inflected.standardOutput.trimmingCharacters(in: .newlines)) ?? 0) >= 2)
            let excluded = try await search("'consular -lanza' --language es --format csv --fields title")
                .standardOutput
            #expect(excluded.contains("Capacitación en línea para personal consular en Mesoamérica"))
            #expect(!excluded.contains("La OIM lanza"))
            await #expect(try search("'Mechelen or Baku' --format count").standardOutput == "2\n")
            let snippet = try await search("consular --type news --language es --format csv --fields snippet")
            #expect(snippet.standardOutput.contains("**consular**"))
            // Facet counts of every match.
            let facets = try await search("\"personal consular\" --facets --format json")
            let counts = try JSONSerialization.jsonObject(with: Data(facets.standardOutput.utf8)) as? [[String: Any]]
            let pairs = Set((counts ?? []).map { "\($0["facet"] ?? "")=\($0["value"] ?? ""):\($0["count"] ?? "")" })
            #expect(pairs.isSuperset(of: ["type=practice:1", "type=news:1", "country=CR:1", "guideline=8:2"]))
            // Results pipe on; other tenants' content is never found.
            let piped = try await search(
                "\"personal consular\" --type practice --format ids | practice show --format csv --fields title"
            )
            #expect(piped.standardOutput == "title\r\nCapacitación en línea para personal consular en Mesoamérica\r\n")
            await #expect(try search("Mesoamérica --format count", in: "ph").standardOutput == "0\n")
            let usage = try await micic(database, ["-c", "use cr; search --type practice"])
            #expect(usage.status == 2)
            #expect(usage.standardError.contains("search needs the words"))
        }
    }
}
