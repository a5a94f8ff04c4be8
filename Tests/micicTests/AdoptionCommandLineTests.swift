import Foundation
import MicicTesting
import Testing

/// Headquarters offers practices; a country office adopts one, overrides two fields, and
/// follows headquarters' edits field by field: through the shell, each person connected as
/// themselves.
@Suite struct AdoptionCommandLineTests {
    @Test func anOfficeAdoptsHeadquartersPracticeAndMergesItsChanges() async throws {
        try await TestDatabase.with { database in
            func micic(_ command: String, as person: String? = nil) async throws -> ExecutableRun {
                let url = try person.map { try database.url(as: $0) } ?? database.url
                return try await ExecutableRun("micic", ["-c", command], environment: ["DATABASE_URL": url])
            }
            func ok(_ command: String, as person: String? = nil) async throws -> String {
                let run = try await micic(command, as: person)
                #expect(run.status == 0, "\(command): \(run.standardError)")
                return run.standardOutput
            }
            func refused(_ command: String, as person: String, saying words: String) async throws {
                let run = try await micic(command, as: person)
                #expect(run.status != 0 && run.standardError.contains(words), "\(command): \(run.standardError)")
            }
            #expect(
                try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url]).status
                    == 0
            )
            var people: [String: String] = [:]
            for (key, grant) in [
                ("hq", "--tenant hq --role editor"), ("cr", "--tenant cr --role editor"),
                ("crtranslator", "--tenant cr --role translator --languages en"),
            ] {
                let name = "\(database.name)_\(key)"
                await database.adopt(person: name)
                _ = try await ok(" user create \(name) --password pw-\(key)")
                _ = try await ok("user grant \(name) \(grant)")
                people[key] = name
            }
            let hq = people["hq"]!
            let cr = people["cr"]!

            // The demonstration's hq offers its practices to every office: withdrawn, cr sees none
            // of them; offered to cr again, hq's published practices only.
            _ = try await ok("use hq; practice offer --withdraw", as: hq)
            await #expect(try ok("practice list --tenant hq --format ids", as: cr).isEmpty)
            _ = try await ok("tenant configure hq --offer practice --to cr", as: hq)
            let offered = try await ok("practice list --tenant hq --format csv --fields slug,status", as: cr)
            #expect(offered.contains("hyogo-e-net,published"))
            #expect(!offered.contains("draft"), "\(offered)")
            let upstream = try await ok("use hq; practice show hyogo-e-net --format ids", as: hq)
                .trimmingCharacters(in: .newlines)

            let adopted = try await micic("use cr; practice adopt hq:hyogo-e-net --format ids", as: cr)
            #expect(adopted.status == 0, "\(adopted.standardError)")
            #expect(adopted.standardError.contains("adopted hq:hyogo-e-net as practice"))
            let local = adopted.standardOutput.trimmingCharacters(in: .newlines)
            await #expect(
                try ok("use cr; adoption list --format csv --fields id,upstream,status", as: cr)
                    .contains("\(local),hq:\(upstream),draft")
            )
            try await refused("use cr; practice adopt hq:hyogo-e-net", as: cr, saying: "already adopted")
            // --where chooses among what hq offers: here, nothing more than that one (refused).
            let chosen = try await micic("use cr; practice adopt --from hq --where slug=hyogo-e-net", as: cr)
            #expect(chosen.status == 2, "\(chosen.standardError)")
            let bulk = try await micic("use cr; practice adopt --from hq --where status=published --yes", as: cr)
            #expect(bulk.standardError.contains("failed 2: item 2 is already adopted here"), "\(bulk.standardError)")
            #expect(bulk.status == 3, "some adopted, one already: \(bulk.standardError)")

            // The office overrides two fields; headquarters edits three, one of them overridden.
            _ = try await ok(
                "use cr; practice update \(local) --summary \"Red local de Costa Rica\" --stakeholders \"Cruz Roja\"",
                as: cr
            )
            _ = try await ok(
                "use hq; practice update \(upstream) --title \"Hyogo e-Net (2026)\" --summary \"A new summary\""
                    + " --body \"A new body\"",
                as: hq
            )
            let now = try await ok(
                "use cr; practice show \(local) --format csv --fields title,summary,body,stakeholders",
                as: cr
            )
            #expect(now.contains("Hyogo e-Net (2026),Red local de Costa Rica,A new body,Cruz Roja"), "\(now)")
            let outdated = try await ok("use cr; adoption outdated --format csv --fields id,field,change", as: cr)
            #expect(outdated.split(whereSeparator: \.isNewline).count == 2, "\(outdated)")
            #expect(outdated.contains("\(local),summary,"))
            #expect(outdated.contains("{+new summary+}"), "\(outdated)")
            let history = try await ok("use cr; practice history \(local) --format csv --fields author,message", as: cr)
            #expect(history.contains("inherited from hq: practice \(upstream)"), "\(history)")

            // Keep the office's summary; then drop the override.
            _ = try await ok("use cr; adoption merge \(local) --keep summary", as: cr)
            await #expect(try ok("use cr; adoption outdated --format count", as: cr) == "0\n")
            _ = try await ok("use cr; adoption reset \(local) summary", as: cr)
            await #expect(
                try ok("use cr; practice show \(local) --format csv --fields summary", as: cr).contains("A new summary")
            )
            let actions = try await ok("use cr; audit \(local) --format csv --fields action", as: cr)
            #expect(["adopt", "merge", "reset"].allSatisfy(actions.contains), "\(actions)")

            // Nobody crosses the line: no draft, no write upstream, nothing of cr for hq, no
            // translator editing the adoption.
            try await refused("use hq; practice show 4", as: cr, saying: "no item 4")
            try await refused(
                "use hq; practice update \(upstream) --title x",
                as: cr,
                saying: "no item \(upstream) in tenant hq"
            )
            try await refused("use cr; practice show \(local)", as: hq, saying: "no tenant 'cr' you can see")
            try await refused(
                "use cr; practice update \(local) --body x",
                as: people["crtranslator"]!,
                saying: "may not change anything but translations"
            )

            // A tenant may make published adoptions wait for an editor (platform administrators
            // set it; a value it does not take changes nothing).
            let wrong = try await micic(
                "tenant configure cr --inherited-changes later --translations-publish by-editor"
            )
            #expect(wrong.status == 2 && wrong.standardError.contains("--inherited-changes must be publish or review"))
            await #expect(
                try ok("sql \"select translations_publish from tenants where code = 'cr'\" --format csv")
                    .contains("on-approval")
            )
            _ = try await ok("tenant configure cr --inherited-changes review")
            try await refused(
                "tenant configure cr --inherited-changes publish",
                as: cr,
                saying: "only platform administrators create and change tenants"
            )

            // Upstream unpublished: the adoption is orphaned, and stays.
            _ = try await ok("use hq; practice unpublish \(upstream)", as: hq)
            await #expect(
                try ok("use cr; adoption list --orphaned --format csv --fields id,orphaned", as: cr)
                    .contains("\(local),upstream is not published")
            )
            await #expect(try ok("use cr; practice show \(local) --format ids", as: cr) == "\(local)\n")
        }
    }
}
