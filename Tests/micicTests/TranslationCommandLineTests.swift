import Foundation
import MicicTesting
import Testing

/// The review workflow as translators and reviewers live it, through the shell, each
/// person connected as themselves: request, export, translate in the file, import,
/// submit, request changes, fix, approve, publish; then a source edit flags its fields.
@Suite struct TranslationCommandLineTests {
    @Test func aTranslationTravelsThroughTheShellAndAnXLIFFFile() async throws {
        try await TestDatabase.with { database in
            func micic(_ command: String, as person: String? = nil) async throws -> ExecutableRun {
                let url = try person.map { try database.url(as: $0) } ?? database.url
                return try await ExecutableRun(
                    "micic",
                    ["-c", "use cr; " + command],
                    environment: ["DATABASE_URL": url]
                )
            }
            func ok(_ command: String, as person: String? = nil) async throws -> String {
                let run = try await micic(command, as: person)
                #expect(run.status == 0, "\(command): \(run.standardError)")
                return run.standardOutput
            }
            #expect(
                try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url]).status
                    == 0
            )
            var people: [String: String] = [:]
            for (key, grant) in [
                ("editor", "--role editor"), ("translator", "--role translator --languages en"),
                ("reviewer", "--role reviewer --languages en"), ("french", "--role translator --languages fr"),
            ] {
                let name = "\(database.name)_\(key)"
                await database.adopt(person: name)
                _ = try await ok(" user create \(name) --password pw-\(key)")
                _ = try await ok("user grant \(name) --tenant cr \(grant)")
                people[key] = name
            }
            let editor = people["editor"]!
            let translator = people["translator"]!
            let reviewer = people["reviewer"]!
            // A Spanish draft of the demonstration content that no one translates yet.
            let source = try await ok(
                "practice show procedimientos-de-referencia-para-personas-migrantes-en-situaciones-de-crisis --format ids"
            ).trimmingCharacters(in: .newlines)
            let wrongType = try await micic("translation request news \(source) --to en", as: editor)
            #expect(wrongType.status == 1 && wrongType.standardError.contains("is a practice, not a news"))
            let job = try await ok(
                "translation request practice \(source) --to en --translator \(translator) --reviewer \(reviewer) --due 2099-12-31 --format ids",
                as: editor
            ).trimmingCharacters(in: .newlines)
            #expect(Int(job) != nil)
            let twice = try await micic("translation request \(source) --to en", as: editor)
            #expect(twice.status == 1 && twice.standardError.contains("already requested"))
            await #expect(try ok("translation inbox --format ids", as: translator) == "\(job)\n")
            await #expect(try ok("translation inbox --format ids", as: reviewer).isEmpty)

            // Export, translate in the file as a CAT tool would, import.
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("micic-\(database.name).xlf")
            defer { try? FileManager.default.removeItem(at: file) }
            _ = try await ok("translation export \(job) --xliff \(file.path)", as: translator)
            var xliff = try String(contentsOf: file, encoding: .utf8)
            #expect(xliff.contains("srcLang=\"es\" trgLang=\"en\""))
            xliff = xliff.replacingOccurrences(
                of: #"(<source xml:space="preserve">)([^<]*)(</source>)"#,
                with: "$1$2$3\n        <target>EN: $2</target>",
                options: .regularExpression
            )
            try xliff.write(to: file, atomically: true, encoding: .utf8)
            let french = try await micic("translation import \(file.path)", as: people["french"]!)
            #expect(french.status == 1 && french.standardError.contains("you do not work in en"))
            _ = try await ok("translation import \(file.path)", as: translator)
            let target = try await ok("translation list --format csv --fields id,status", as: translator)
            #expect(target.contains("\(job),in_progress"))

            // Submit; a reviewer must say why changes are needed; the translator fixes.
            _ = try await ok("translation submit \(job)", as: translator)
            let wrongRole = try await micic("translation submit \(job)", as: reviewer)
            #expect(
                wrongRole.status == 1 && wrongRole.standardError.contains("translator"),
                "\(wrongRole.status) \(wrongRole.standardError)"
            )
            await #expect(try micic("translation request-changes \(job)", as: reviewer).status != 0)
            _ = try await ok("translation request-changes \(job) --comment \"Say consular staff\"", as: reviewer)
            let targets = try await ok(
                "translation list --source \(source) --format csv --fields target",
                as: translator
            )
            let targetID = String(targets.split(whereSeparator: \.isNewline).last ?? "")
            _ = try await ok("practice update \(targetID) --title \"Online course for consular staff\"", as: translator)
            await #expect(try micic("practice update \(targetID) --countries PA", as: translator).status == 1)
            _ = try await ok("translation submit \(job)", as: translator)
            _ = try await ok("translation approve \(job) --comment ok", as: reviewer)
            let history = try await ok("practice history \(targetID) --format csv", as: reviewer)
            #expect(history.contains("translation request-changes: Say consular staff"))

            // The translator cannot publish; publishing the source publishes the translation.
            await #expect(try micic("practice publish \(targetID)", as: translator).status == 1)
            _ = try await ok("practice submit \(source); practice approve \(source); practice publish \(source)")
            await #expect(try ok("translation list --format csv --fields id,status").contains("\(job),published"))
            await #expect(try ok("practice show \(targetID) --format csv --fields status").contains("published"))

            // The editor changes the source: only that field is flagged, with the change.
            _ = try await ok("practice update \(source) --summary \"Un resumen nuevo\"", as: editor)
            let outdated = try await ok("translation outdated --format csv --fields id,field,change", as: translator)
            #expect(outdated.contains("\(job),summary,"), "\(outdated)")
            #expect(outdated.contains("{+Un resumen nuevo+}") || outdated.contains("{+Un"), "\(outdated)")
            #expect(!outdated.contains(",title,"))

            // Exports fall back through a language's chain: every practice once, in en-US,
            // else en (all three have English versions now), else the tenant's Spanish.
            let practices = await Int(
                try ok("practice list --language es --all --format count").trimmingCharacters(in: .newlines)
            )!
            for (wanted, served) in [("en-US", "en"), ("fr-CA", "es")] {
                let rows = try await ok("export practice --language \(wanted) --fallback --format csv")
                    .split(separator: "\r\n").dropFirst()
                #expect(rows.count == practices, "\(wanted): \(rows)")
                #expect(rows.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[1] == served })
            }

            // Tenants choose who publishes approved translations.
            let wrong = try await micic("tenant configure cr --translations-publish sometimes")
            #expect(wrong.status == 2 && wrong.standardError.contains("on-approval or by-editor"))
            await #expect(try micic("tenant configure cr --translations-publish by-editor", as: editor).status == 1)
            _ = try await ok("tenant configure cr --translations-publish by-editor")
        }
    }
}
