import Foundation
import MicicTesting
import Testing

/// What tripped a newcomer in their first hour (the README's commands, a country office's
/// spreadsheet, a translation, the delivery API), through the executable.
@Suite struct NewcomerCommandLineTests {
    private static let cr = "(select id from tenants where code = 'cr')"

    /// The CSV `sql` prints for `query`, without its header.
    private func rows(_ demo: DemoDatabase, _ query: String) async throws -> [String] {
        let run = try await demo.micic("sql \"\(query)\" --format csv")
        #expect(run.status == 0, "\(run.standardError)")
        return Array(run.standardOutput.split(separator: "\r\n").map(String.init).dropFirst())
    }

    @Test func aCountIsTheNumberOfMatchesNotOfAPage() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let rows = (1...120).map { "Práctica zorzal \($0),preparedness,CR\n" }.joined()
            let file = try await scratch.write("many.csv", "title,phases,countries\n" + rows)
            let imported = try await demo.micic("import practice \(file) --tenant cr")
            #expect(imported.status == 0, "\(imported.standardError)")
            let live = "from items where type = 'practice' and deleted_at is null and tenant_id = \(Self.cr)"
            let stored = try await demo.count("select count(*) \(live)")
            #expect(stored > 120)
            let count = try await demo.micic("practice list --tenant cr --format count")
            #expect(count.standardOutput == "\(stored)\n", "\(count.standardError)")
            #expect(!count.standardError.contains("follow"))
            // A limit pages a listing, not a count; filters narrow it.
            let preparedness = try await demo.count("select count(*) \(live) and fields -> 'phases' ? 'preparedness'")
            let filtered = try await demo.micic(
                "practice list --tenant cr --phase preparedness --limit 5 --format count"
            )
            #expect(filtered.standardOutput == "\(preparedness)\n", "\(filtered.standardError)")
            let search = try await demo.micic("search zorzal --tenant cr --format count")
            #expect(search.standardOutput == "120\n", "\(search.standardError)")
            // The audit log's count is every entry, not the 50 newest shown.
            let entries = try await demo.count("select count(*) from audit_log where tenant_id = \(Self.cr)")
            #expect(entries > 120)
            let audit = try await demo.micic("audit --tenant cr --format count")
            #expect(audit.standardOutput == "\(entries)\n", "\(audit.standardError)")
        }
    }

    @Test func codesAndLanguageTagsAreReadInAnyCaseAndKeptInTheirCanonicalForm() async throws {
        try await DemoDatabase.with { demo in
            let created = try await demo.micic(
                "practice create --tenant cr --title Casos --slug casos --language ' ES ' --phases Preparedness "
                    + "--countries 'cr, Global' --guidelines ' 3' --crisis-types CONFLICT --format ids"
            )
            #expect(created.status == 0, "\(created.standardError)")
            let stored =
                "select language, fields -> 'phases', fields -> 'countries', fields -> 'crisis_types' from items"
            await #expect(
                try rows(demo, stored + " where slug = 'casos'")
                    == [#"es,"[""preparedness""]","[""CR"", ""global""]","[""conflict""]""#]
            )
            let canonical = try await demo.micic(
                "practice list --tenant cr --country CR --phase preparedness --format ids"
            )
            let anyCase = try await demo.micic(
                "practice list --tenant cr --country ' cr' --phase PREPAREDNESS --format ids"
            )
            #expect(anyCase.status == 0, "\(anyCase.standardError)")
            #expect(anyCase.standardOutput == canonical.standardOutput)
            #expect(canonical.standardOutput.contains(created.standardOutput))
            let english = try await demo.micic("practice list --tenant cr --language EN --format count")
            #expect(english.status == 0 && english.standardOutput != "0\n", "\(english.standardError)")
            let search = try await demo.micic("search casos --tenant cr --country cr --language Es --format ids")
            #expect(search.standardOutput == created.standardOutput, "\(search.standardError)")

            // Tenant codes and workflow states are only ever lower case: read in any case too.
            let drafts = try await demo.micic("use cr; practice list --status draft --format count")
            let shouted = try await demo.micic("use CR; practice list --status ' Draft' --format count; use ' cr'")
            #expect(shouted.status == 0, "\(shouted.standardError)")
            #expect(shouted.standardOutput == drafts.standardOutput)

            // A spreadsheet whose codes are in other cases.
            let scratch = try ScratchDirectory()
            let file = try await scratch.write(
                "office.csv",
                """
                title,language,phases,countries,guidelines
                Global one, EN ,Preparedness,GLOBAL,3
                Two,es,preparedness;Emergency_Response,cr;PH,8;3

                """
            )
            let imported = try await demo.micic("import practice \(file) --tenant cr")
            #expect(imported.status == 0, "\(imported.standardError)")
            await #expect(
                try rows(demo, stored + " where title in ('Global one', 'Two') order by title")
                    == [
                        #"en,"[""preparedness""]","[""global""]","#,
                        #"es,"[""preparedness"", ""emergency_response""]","[""CR"", ""PH""]","#,
                    ]
            )

            // Tenants and people too.
            let tenant = try await demo.micic(
                "tenant create mx --name Mexico --default-language ES --languages es,EN-us"
            )
            #expect(tenant.status == 0, "\(tenant.standardError)")
            await #expect(
                try rows(
                    demo,
                    "select default_language, array_to_string(languages, ' ') from tenants where code = 'mx'"
                )
                    == ["es,es en-US"]
            )
        }
    }

    @Test func guidelinesMayBeNumbersAndAWrongTypeSaysWhatWasExpected() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let good = try await scratch.write(
                "good.ndjson",
                #"{"title": "Con números", "phases": ["preparedness"], "countries": ["CR"], "guidelines": [3, 8]}"#
                    + "\n"
            )
            let imported = try await demo.micic("import practice \(good) --tenant cr")
            #expect(imported.status == 0, "\(imported.standardError)")
            await #expect(
                try rows(demo, "select fields -> 'guidelines' from items where title = 'Con números'")
                    == [#""[""3"", ""8""]""#]
            )
            let bad = try await scratch.write(
                "bad.ndjson",
                #"{"title": 5, "phases": "preparedness", "countries": [true], "guidelines": [{"n": 3}]}"#
                    + "\n"
            )
            let refused = try await demo.micic("import practice \(bad) --tenant cr")
            #expect(refused.status == 1)
            let message = refused.standardError
            #expect(message.contains("line 1, title: must be text: expected a string, not 5"), "\(message)")
            #expect(!message.contains("title: is required"), "\(message)")
            #expect(message.contains("phases: must be a list: expected an array, not \"preparedness\""))
            #expect(message.contains(#"countries: must be a country code: expected a string such as "CR", not true"#))
            #expect(message.contains(#"guidelines: must be one guideline code: expected a string such as "1""#))
        }
    }

    /// Every example `help` shows, with the command it documents (`practice create`, `use`).
    private func helpExamples(_ demo: DemoDatabase) async throws -> [(command: String, example: String)] {
        let overview = try await demo.micic("help").standardOutput
        let prefix = "Content (noun verb): "
        let nouns = try #require(overview.split(separator: "\n").first { $0.hasPrefix(prefix) })
            .dropFirst(prefix.count).split(separator: ", ").map(String.init)
        let builtins = try #require(overview.components(separatedBy: "Shell commands:\n").last)
            .components(separatedBy: "\n\n")[0].split(separator: "\n").compactMap { $0.split(separator: " ").first }
        var commands = builtins.map(String.init)
        for noun in nouns {
            let verbs = try await demo.micic("help \(noun)").standardOutput.components(separatedBy: "\n\n")[0]
            commands += verbs.split(separator: "\n").map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        }
        var examples: [(String, String)] = []
        for command in commands {
            let help = try await demo.micic("help \(command)").standardOutput
            guard let section = help.components(separatedBy: "\nexamples:\n").dropFirst().first else { continue }
            for line in section.split(separator: "\n") {
                examples.append((command, line.trimmingCharacters(in: .whitespaces)))
            }
        }
        return examples
    }

    @Test func everyExampleHelpShowsRuns() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let examples = try await helpExamples(demo)
            #expect(examples.count > 80)
            // Exports first: they write the files that imports read.
            let ordered = examples.filter { $0.command == "export" } + examples.filter { $0.command != "export" }
            // What the demonstration content does not have (ids, versions, items in the state a
            // transition starts from, files, jobs) or has already (names, requests).
            let missing = [
                "no item ", "no version ", "has versions", "applies to", "there is no translation job", "cannot read",
                "there is no tenant 'mx'", "is already taken", "there are no jobs to export", "was already requested",
                "there is no import job", "offered by hq", "is not offered", "is not an adoption",
            ]
            var ids: [String: String] = [:]
            for noun in ["practice", "event", "news", "tool"] {
                ids[noun] = try await demo.micic("\(noun) list --tenant cr --limit 1 --format ids").standardOutput
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
            for (command, example) in ordered {
                // A comment ends the line: --dry-run goes before it.
                var line = example.components(separatedBy: " #")[0]
                if let noun = command.split(separator: " ").first, let id = ids[String(noun)] {
                    line = line.replacing(" 42", with: " " + id)
                }
                var run = try await demo.micic("use cr; \(line) --dry-run", in: scratch.url.path)
                if run.standardError.contains("has no --dry-run") {
                    run = try await demo.micic("use cr; \(line)", in: scratch.url.path)
                }
                let explained = run.status == 1 && missing.contains { run.standardError.contains($0) }
                #expect(run.status == 0 || explained, "help \(command): \(example)\n\(run.standardError)")
            }
        }
    }

    @Test func badRowsBeforeABrokenLineAreReportedWithIt() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let file = try await scratch.write(
                "broken.csv",
                """
                title,phases,countries
                Uno,preparation,CR
                Dos,preparedness,XX
                Tres,preparedness,CR
                "Sin cerrar,preparedness,CR
                Cinco,preparedness,CR

                """
            )
            let before = try await demo.count("select count(*) from items")
            let report = scratch.path("report.csv")
            let run = try await demo.micic("import practice \(file) --tenant cr --report \(report)")
            #expect(run.status == 1)
            let message = run.standardError
            #expect(message.contains("nothing was imported: 2 rows have problems"), "\(message)")
            #expect(message.contains("and then \(file): line 5: a quoted value"), "\(message)")
            #expect(message.contains("line 2, phases: 'preparation' is not"), "\(message)")
            #expect(message.contains("line 3, countries: 'XX' is not"), "\(message)")
            #expect(try String(contentsOfFile: report, encoding: .utf8).split(whereSeparator: \.isNewline).count == 3)
            await #expect(try demo.count("select count(*) from items") == before)
        }
    }

    @Test func anImportSaysWhichLanguageRowsWithoutOneWereGiven() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let file = try await scratch.write(
                "english.csv",
                """
                title,phases,countries,language
                Shelters for migrants,preparedness,CR,
                Consular registration,preparedness,CR,
                Registro consular,preparedness,CR,es

                """
            )
            let rehearsal = try await demo.micic("import practice \(file) --tenant cr --dry-run")
            #expect(rehearsal.status == 0, "\(rehearsal.standardError)")
            #expect(
                rehearsal.standardError.contains(
                    "2 rows named no language and would be read as es (the tenant's default language; --language chooses)"
                ),
                "\(rehearsal.standardError)"
            )
            let refused = try await demo.micic("import practice \(file) --tenant cr --language fr")
            #expect(refused.status == 1)
            #expect(refused.standardError.contains("fr is not one of tenant cr's languages (es, en)"))
            let run = try await demo.micic("import practice \(file) --tenant cr --language EN")
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardError.contains("2 rows named no language and were read as en (--language)"))
            await #expect(
                try rows(
                    demo,
                    "select language, title from items where title in ('Shelters for migrants', 'Consular registration', 'Registro consular') order by title"
                )
                    == ["en,Consular registration", "es,Registro consular", "en,Shelters for migrants"]
            )
        }
    }

    @Test func theLocalDatabaseURLConnectsAsAPersonWhenAsked() async throws {
        let home = "/tmp/micic-url-\(UUID().uuidString.prefix(8))"
        var environment: [String: String?] = [
            "DATABASE_URL": nil, "PGHOST": nil, "PGHOSTADDR": nil, "PGPORT": nil, "PGDATABASE": nil, "PGUSER": nil,
            "PGSERVICE": nil,
        ]
        environment["MICIC_HOME"] = home
        func micic(_ arguments: [String]) async throws -> ExecutableRun {
            try await ExecutableRun("micic", arguments, environment: environment)
        }
        defer {
            _ = try? ExecutableRun(blocking: "micic", ["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(atPath: home)
        }
        let load = try await micic(["demo", "load"])
        #expect(load.status == 0, "\(load.standardError)")
        let superuser = try await micic(["db", "url"])
        #expect(superuser.standardOutput.hasPrefix("postgresql://postgres@/"))
        #expect(superuser.standardError.contains("row-level security does not hold"))
        let ana = try await micic(["db", "url", "--as", "ana"])
        #expect(ana.status == 0, "\(ana.standardError)")
        let url = ana.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(url.hasPrefix("postgresql://ana@/"))
        // Ana is an editor in cr only: row-level security shows her nothing else but hq, which
        // offers its practices and tools to every office.
        let tenants = try await micic(["--database-url", url, "-c", "tenants --format ids"])
        #expect(tenants.standardOutput == "cr\nhq\n", "\(tenants.standardError)")
        let everyone = try await micic([
            "--database-url", superuser.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines), "-c",
            "tenants --format count",
        ])
        #expect(everyone.standardOutput == "3\n", "\(everyone.standardError)")
        let nobody = try await micic(["db", "url", "--as", "nobody"])
        #expect(nobody.status == 2)
        #expect(nobody.standardError.contains("there is no person 'nobody'"))
    }

    @Test func aTranslationGetsItsOwnSlugFromItsFirstTitleAndKeepsIt() async throws {
        try await DemoDatabase.with { demo in
            func practice(_ title: String) async throws -> String {
                let created = try await demo.micic(
                    "practice create --tenant cr --title \"\(title)\" --phases preparedness --countries CR --format ids",
                    as: "ana"
                )
                #expect(created.status == 0, "\(created.standardError)")
                return created.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            /// The id of the English translation of `id`, requested for sofia.
            func translation(of id: String) async throws -> String {
                let requested = try await demo.micic(
                    "translation request practice \(id) --to en --translator sofia --reviewer luis --tenant cr",
                    as: "ana"
                )
                #expect(requested.status == 0, "\(requested.standardError)")
                return try await rows(demo, "select id from items where translation_of = \(id) and language = 'en'")[0]
            }
            func slug(_ id: String) async throws -> String {
                try await rows(demo, "select slug from items where id = \(id)")[0]
            }
            let first = try await practice("Albergues temporales")
            let english = try await translation(of: first)
            await #expect(try slug(english) == "albergues-temporales")
            // The translator sets the title: the database gives the translation its slug.
            let titled = try await demo.micic(
                "practice update \(english) --tenant cr --title \"Temporary shelters\"",
                as: "sofia"
            )
            #expect(titled.status == 0, "\(titled.standardError)")
            await #expect(try slug(english) == "temporary-shelters")
            let shown = try await demo.micic("practice show \(english) --tenant cr --format json", as: "sofia")
            #expect(shown.standardOutput.contains("\"slug\":\"temporary-shelters\""), "\(shown.standardOutput)")
            // Stable afterwards.
            let retitled = try await demo.micic(
                "practice update \(english) --tenant cr --title \"Temporary shelters for migrants\"",
                as: "sofia"
            )
            #expect(retitled.status == 0, "\(retitled.standardError)")
            await #expect(try slug(english) == "temporary-shelters")
            // Unique as any slug.
            let second = try await translation(of: try practice("Refugios provisionales"))
            await #expect(
                try demo.micic("practice update \(second) --tenant cr --title \"Temporary shelters\"", as: "sofia")
                    .status
                    == 0
            )
            await #expect(try slug(second) == "temporary-shelters-2")
            // Translators still choose no slug themselves.
            let chosen = try await demo.micic("practice update \(second) --tenant cr --slug my-own", as: "sofia")
            #expect(chosen.status == 1)
            await #expect(try slug(second) == "temporary-shelters-2")
        }
    }
}
