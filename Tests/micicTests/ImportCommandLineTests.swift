import Foundation
import MicicTesting
import Postgres
import Testing

/// `import` through the executable: every type, round trips, re-runs, bad files, options.
@Suite struct ImportCommandLineTests {
    /// Every live item of a tenant as exported, keyed by type, language and slug, without
    /// what belongs to the tenant that holds them (ids, versions, authors, times).
    private func content(_ demo: DemoDatabase, tenant: String, type: String? = nil) async throws -> [String: String] {
        let export = try await demo.micic("export " + (type ?? "tenant \(tenant)") + " --tenant \(tenant)")
        #expect(export.status == 0, "\(export.standardError)")
        let objects = try export.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        func key(_ object: [String: Any]) -> String { "\(object["type"]!) \(object["language"]!) \(object["slug"]!)" }
        var keys: [Int: String] = [:]
        for object in objects { keys[object["id"] as! Int] = key(object) }
        var items: [String: String] = [:]
        for var object in objects {
            for name in ["id", "version", "author", "created", "updated"] { object[name] = nil }
            // A translation is compared by the item it translates, not by that item's id.
            object["translation_of"] = (object["translation_of"] as? Int).map { keys[$0] ?? "elsewhere" }
            let json = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            items[key(object)] = String(decoding: json, as: UTF8.self)
        }
        return items
    }

    private func itemCount(_ demo: DemoDatabase, tenant: String = "cr") async throws -> Int {
        try await demo.count(
            "select count(*) from items where tenant_id = (select id from tenants where code = '\(tenant)')"
        )
    }

    @Test func aTenantExportedAndImportedIntoAnotherIsTheSameContent() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let file = scratch.path("cr.ndjson")
            // One event translates the other (there is no translation workflow yet to make it so).
            let connection = try await demo.database.connect()
            try await connection.execute(
                """
                update items set translation_of = (select min(id) from items where type = 'event' and language = 'es'
                    and tenant_id = (select id from tenants where code = 'cr'))
                where type = 'event' and language = 'en' and tenant_id = (select id from tenants where code = 'cr')
                """
            )
            await connection.close()
            await #expect(try demo.micic("export tenant cr --to \(file)").status == 0)
            await #expect(
                try demo.micic("tenant create mx --name Mexico --default-language es --languages es,en").status == 0
            )
            let imported = try await demo.micic("import tenant mx \(file)")
            #expect(imported.status == 0, "\(imported.standardError)")
            let original = try await content(demo, tenant: "cr")
            // Nine items and the two translations under way (titles still empty).
            #expect(original.count == 11)
            await #expect(try content(demo, tenant: "mx") == original)
            #expect(original.values.contains { $0.contains("submitter_contact") })
            #expect(original.values.contains { $0.contains("\"translation_of\":\"event es ") })
            // Every imported item has its revision and its audit entry.
            let mx = "(select id from tenants where code = 'mx')"
            await #expect(try demo.count("select count(*) from item_revisions where tenant_id = \(mx)") == 11)
            await #expect(
                try demo.count("select count(*) from audit_log where tenant_id = \(mx) and action = 'create'") == 11
            )

            // Each type on its own, through CSV.
            await #expect(
                try demo.micic("tenant create gt --name Guatemala --default-language es --languages es,en").status == 0
            )
            for type in ["practice", "event", "news", "tool"] {
                let csv = scratch.path("\(type).csv")
                await #expect(try demo.micic("export \(type) --tenant cr --to \(csv)").status == 0)
                let run = try await demo.micic("import \(type) \(csv) --tenant gt")
                #expect(run.status == 0, "\(type): \(run.standardError)")
                await #expect(try content(demo, tenant: "gt", type: type) == content(demo, tenant: "cr", type: type))
            }
        }
    }

    @Test func runningAnImportAgainChangesNothingAndChangedRowsBecomeRevisions() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let file = try await scratch.write(
                "practices.csv",
                """
                title,phases,countries,stakeholders,body
                Red de albergues,preparedness;emergency_response,CR;PA,Cruz Roja;OIM,"Albergues temporales
                para personas migrantes, con ""información"" en varios idiomas."
                Línea de intérpretes,emergency_response,CR,,Una línea telefónica atendida por intérpretes.

                """
            )
            let first = try await demo.micic("use cr; import practice \(file)")
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.standardError.contains("2 created, 0 updated, 0 unchanged, 0 rejected"))
            let revisions = try await demo.count("select count(*) from item_revisions")
            let audit = try await demo.count("select count(*) from audit_log")
            let again = try await demo.micic("use cr; import practice \(file)")
            #expect(again.status == 0)
            #expect(again.standardError.contains("nothing changed: 2 rows match"))
            await #expect(try demo.count("select count(*) from item_revisions") == revisions)
            await #expect(try demo.count("select count(*) from audit_log") == audit)
            let shown = try await demo.micic("use cr; practice show red-de-albergues --format json")
            #expect(shown.standardOutput.contains("\\\"información\\\""))

            try String(contentsOfFile: file, encoding: .utf8).replacing("CR;PA", with: "CR;PA;NI")
                .write(toFile: file, atomically: true, encoding: .utf8)
            let changed = try await demo.micic("use cr; import practice \(file) --message \"add Nicaragua\"")
            #expect(changed.standardError.contains("0 created, 1 updated, 1 unchanged"))
            let history = try await demo.micic(
                "use cr; practice history red-de-albergues --format csv --fields version,message"
            )
            #expect(history.standardOutput.contains("2,add Nicaragua"))
            let diff = try await demo.micic("use cr; practice diff red-de-albergues --format csv")
            #expect(diff.standardOutput.contains("countries,CR; PA,CR; PA; NI"))
            await #expect(
                try demo.count(
                    "select count(*) from audit_log where action = 'update' and after -> 'fields' ? 'countries'"
                )
                    == 1
            )
        }
    }

    @Test func badFilesWriteNothingAndSayWhy() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let header = "title,phases,countries\n"
            let good = "Un plan,preparedness,CR\n"
            var latin1 = Data((header + good).utf8)
            latin1.append(contentsOf: [0x47, 0x65, 0x73, 0x74, 0x69, 0xF3, 0x6E] + Array(",preparedness,CR\n".utf8))
            let latin1File = scratch.path("latin1.csv")
            try #require(FileManager.default.createFile(atPath: latin1File, contents: latin1))
            let huge =
                "{\"title\":\"Big\",\"phases\":[\"preparedness\"],\"countries\":[\"CR\"],\"body\":\""
                + String(repeating: "x", count: 10_000_000) + "\"}\n"
            let cases: [(name: String, text: String, expected: String)] = [
                ("unclosed.csv", header + good + "\"Sin cerrar,preparedness,CR\n" + good, "line 3: a quoted value"),
                ("missing.csv", "title,phases\nUn plan,preparedness\n", "required field countries"),
                (
                    "unknown.csv", "title,phases,countries,colour\nUn plan,preparedness,CR,red\n",
                    "colour is not a field"
                ),
                ("twice.csv", header + good + "Otro,post_crisis,PA\n" + good, "also the slug of line"),
                (
                    "huge.ndjson",
                    "{\"title\":\"Small\",\"phases\":[\"preparedness\"],\"countries\":[\"CR\"]}\n" + huge,
                    "line 2, row: the row is longer than 4 MiB"
                ),
                ("empty.csv", "", "is empty"),
                ("empty.ndjson", "\n\n", "holds no rows"),
                ("invalid.csv", header + good + "Otro,preparation,CR\n", "line 3, phases: 'preparation' is not"),
            ]
            let before = try await itemCount(demo)
            var files = [("latin1.csv", latin1File, "line 3, row: column 1 is not UTF-8")]
            for (name, text, expected) in cases { await files.append((name, try scratch.write(name, text), expected)) }
            for (name, path, expected) in files {
                let run = try await demo.micic("use cr; import practice \(path)")
                #expect(run.status == 1, "\(name): \(run.standardError)")
                #expect(run.standardError.contains(expected), "\(name): \(run.standardError)")
                await #expect(try itemCount(demo) == before, "\(name) wrote something")
            }
            await #expect(try demo.count("select count(*) from import_jobs") == 0)
        }
    }

    @Test func skippingBadRowsImportsTheOthersAndReportsTheBadOnes() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let file = try await scratch.write(
                "mixed.csv",
                """
                title,phases,countries,related_links
                Primero,preparedness,CR,https://example.org/a
                ,preparedness,CR,
                Tercero,preparedness,XX,
                Cuarto,post_crisis,PA,not a link
                Quinto,emergency_response,NI,

                """
            )
            let report = scratch.path("rejected.csv")
            let before = try await itemCount(demo)
            let dry = try await demo.micic("use cr; import practice \(file) --on-error skip --dry-run")
            #expect(dry.status == 3)
            #expect(dry.standardError.contains("would create 2, update 0"))
            await #expect(try itemCount(demo) == before)
            let run = try await demo.micic("use cr; import practice \(file) --on-error skip --report \(report)")
            #expect(run.status == 3, "\(run.standardError)")
            #expect(run.standardError.contains("2 created, 0 updated, 0 unchanged, 3 rejected"))
            #expect(run.standardError.contains("line 3, title: is required"))
            #expect(run.standardError.contains("line 4, countries:"))
            #expect(run.standardError.contains("line 5, related_links:"))
            await #expect(try itemCount(demo) == before + 2)
            let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\r\n")
            #expect(lines.first == "line,field,reason")
            #expect(lines.dropFirst().map { $0.prefix(2) } == ["3,", "4,", "5,"])
            let stopped = try await demo.micic("use cr; import practice \(file)")
            #expect(stopped.status == 1)
            #expect(stopped.standardError.contains("nothing was imported: 3 rows have problems"))
        }
    }

    @Test func aDryRunMergesForRealAndRollsBackSoTheDatabasesOwnRefusalsShow() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let file = try await scratch.write(
                "practices.csv",
                """
                title,phases,countries
                Albergues temporales,preparedness,CR
                Refused by a trigger,preparedness,CR

                """
            )
            let written = ["items", "item_revisions", "audit_log", "import_jobs"]
            func counts() async throws -> [Int] {
                var found: [Int] = []
                for table in written { found.append(try await demo.count("select count(*) from \(table)")) }
                return found
            }
            let before = try await counts()
            let dry = try await demo.micic("use cr; import practice \(file) --dry-run")
            #expect(dry.status == 0, "\(dry.standardError)")
            #expect(dry.standardError.contains("dry run, nothing was written: would create 2, update 0"))
            await #expect(try counts() == before)

            // A rule only the database knows: the dry run meets it as the import would.
            let connection = try await demo.database.connect()
            try await connection.executeScript(
                """
                create function refuse_marked() returns trigger language plpgsql as $$
                begin
                    if new.title like 'Refused%' then raise exception 'the database refuses "%"', new.title; end if;
                    return new;
                end $$;
                create trigger refuse_marked before insert on items for each row execute function refuse_marked();
                """
            )
            await connection.close()
            let refused = try await demo.micic("use cr; import practice \(file) --dry-run")
            #expect(refused.status == 1)
            #expect(
                refused.standardError.contains(#"the database refuses "Refused by a trigger""#),
                "\(refused.standardError)"
            )
            await #expect(try counts() == before)
        }
    }

    @Test func editorsImportNoWorkflowStatesOfTheirOwn() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let exported = scratch.path("practices.csv")
            await #expect(try demo.micic("export practice --tenant cr --to \(exported)").status == 0)
            let same = try await demo.micic("import practice \(exported) --tenant cr", as: "ana")
            #expect(same.status == 0, "\(same.standardError)")
            // Three practices and the two translations under way.
            #expect(same.standardError.contains("nothing changed: 5 rows match"))
            let published = try String(contentsOfFile: exported, encoding: .utf8).replacing(
                ",draft,",
                with: ",published,"
            )
            let changed = try await scratch.write("published.csv", published)
            let refused = try await demo.micic("import practice \(changed) --tenant cr", as: "ana")
            #expect(refused.status == 1)
            #expect(refused.standardError.contains("status: would move item"))
            let new = try await scratch.write(
                "new.csv",
                "title,status,phases,countries\nAprobada sin revisión,published,preparedness,CR\n"
            )
            let skipped = try await demo.micic("import practice \(new) --tenant cr --on-error skip", as: "ana")
            #expect(skipped.status == 3)
            #expect(skipped.standardError.contains("new items start as draft"))
            let admin = try await demo.micic("import practice \(changed) --tenant cr")
            #expect(admin.status == 0, "\(admin.standardError)")
            #expect(admin.standardError.contains("0 created, 4 updated"))
            let reviewer = try await demo.micic("import practice \(exported) --tenant cr", as: "luis")
            #expect(reviewer.status == 1)
            #expect(reviewer.standardError.contains("may not create practices"))
        }
    }

    @Test func anExternalIdKeyAndRenamedColumns() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let map = try await scratch.write("map.txt", "# from the old site\nHeadline = title\nURL = source_url\n")
            let rows = """
                Headline,published_on,body,URL
                Capacitación consular,2018-03-15,Un curso en línea.,https://example.org/news/1
                Taller regional,2017-02-02,Dos días de trabajo.,https://example.org/news/2

                """
            let file = try await scratch.write("news.csv", rows)
            let command = "use cr; import news \(file) --map \(map) --key source_url"
            let first = try await demo.micic(command)
            #expect(first.status == 0, "\(first.standardError)")
            #expect(first.standardError.contains("2 created"))
            try rows.replacing("Taller regional", with: "Taller regional de cancillerías")
                .write(toFile: file, atomically: true, encoding: .utf8)
            let second = try await demo.micic(command)
            #expect(second.standardError.contains("0 created, 1 updated, 1 unchanged"), "\(second.standardError)")
            let renamed = try await demo.micic("use cr; news show taller-regional --format json --fields title")
            #expect(renamed.standardOutput.contains("Taller regional de cancillerías"))
        }
    }

    /// Writes `count` practices titled "`title` 1", "`title` 2"... as NDJSON and returns the path.
    private func writePlans(
        _ count: Int,
        titled title: String = "Plan",
        in scratch: borrowing ScratchDirectory
    ) async throws -> String {
        var text = ""
        for index in 1...count {
            text += "{\"title\": \"\(title) \(index)\", \"phases\": [\"preparedness\"], \"countries\": [\"CR\"]}\n"
        }
        return try await scratch.write(title.replacing(" ", with: "-") + ".ndjson", text)
    }

    @Test func aTerminalShowsProgressAndASummary() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            // Enough batches for the work to last over a second, when progress lines begin.
            let file = try await writePlans(4_000, in: scratch)
            let shell = try TerminalSession("micic", environment: ["DATABASE_URL": demo.database.url])
            try await shell.pause(1)
            shell.type("import practice \(file) --tenant cr --batch-size 5\n")
            // Here the import takes seconds; a busy machine gets minutes before the test gives up.
            let deadline = Date().addingTimeInterval(300)
            while !shell.screen.contains("rejected") && Date() < deadline { try await shell.pause(0.2) }
            shell.type("\u{4}")
            let screen = try await shell.finish()
            #expect(screen.contains("merging "), "\(screen)")
            #expect(screen.contains("/4000"), "\(screen)")
            #expect(screen.contains("s left"), "\(screen)")
            #expect(screen.contains("4000 created, 0 updated, 0 unchanged, 0 rejected"), "\(screen)")
        }
    }

    /// Creates the practice titled "Práctica número `number`", locks it in a transaction of
    /// the returned connection, then starts importing `file` into cr in batches of 25 (the
    /// row of that title waits for the lock).
    private func startImport(
        _ file: String,
        lockingPractice number: Int,
        in demo: DemoDatabase,
        options: String = ""
    ) async throws -> (process: Process, errors: Pipe, watcher: Connection) {
        let blocker = try await demo.micic(
            "practice create --tenant cr --title \"Práctica número \(number)\" --phases post_crisis --countries PA"
        )
        #expect(blocker.status == 0, "\(blocker.standardError)")
        let watcher = try await demo.database.connect()
        try await watcher.execute("begin")
        try await watcher.execute(
            Query(unsafeSQL: "select id from items where slug = 'practica-numero-\(number)' for update")
        )
        let process = Process()
        process.executableURL = ExecutableRun.productsDirectory.appendingPathComponent("micic")
        process.arguments = ["-c", "import practice \(file) --tenant cr --batch-size 25 \(options)"]
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = demo.database.url
        process.environment = environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        return (process, errors, watcher)
    }

    @Test func anImportKilledHalfwayIsResumedWithEveryRowExactlyOnce() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let rows = 3_000
            var text = ""
            for index in 1...rows {
                text += "{\"title\": \"Práctica número \(index)\", \"phases\": [\"preparedness\"], "
                text += "\"countries\": [\"CR\"], \"body\": \"" + String(repeating: "Texto de la práctica. ", count: 40)
                text += "\"}\n"
            }
            let file = try await scratch.write("many.ndjson", text)
            // The row of line 2,000 updates an item that this test holds locked: the import
            // stops there, in the middle of a batch, after the batches before it were committed.
            let before = try await itemCount(demo) + 1
            let (process, _, watcher) = try await startImport(file, lockingPractice: 2000, in: demo)
            // Sessions are watched from another connection: inside the locking transaction,
            // pg_stat_activity would show the snapshot of its first reading.
            let observer = try await demo.database.connect()
            let inThisDatabase =
                "datname = current_database() and pid <> pg_backend_pid() and application_name = 'micic'"
            // The session whose batch holds line 2,000 waits for the test's transaction; the
            // other connection's session may wait in turn for that one, on its own transaction.
            // (pg_locks is read once per poll: pg_blocking_pids for every session, as often,
            // holds the whole server's lock tables and slows every test running beside this one.)
            let holder = try await watcher.query(Query(unsafeSQL: "select pg_current_xact_id()::text"))[0]
                .decode(String.self, at: 0)
            var waiting = 0
            let deadline = Date().addingTimeInterval(120)
            while waiting == 0 && Date() < deadline && process.isRunning {
                try await Task.sleep(for: .milliseconds(100))
                let query = """
                    select count(*) from pg_locks
                    where locktype = 'transactionid' and transactionid = '\(holder)'::xid and not granted
                    """
                waiting = try await observer.query(Query(unsafeSQL: query))[0].decode(Int.self, at: 0)
            }
            #expect(waiting == 1, "the import did not reach the locked item")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(process.terminationReason == .uncaughtSignal)
            try await watcher.execute("rollback")
            // The server ends the killed session (releasing the job's lock) once it sees it gone.
            for _ in 0..<200 {
                let query = "select count(*) from pg_stat_activity where \(inThisDatabase)"
                let sessions = try await observer.query(Query(unsafeSQL: query))[0]
                if try sessions.decode(Int.self, at: 0) == 0 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            await watcher.close()
            await observer.close()
            let written = try await itemCount(demo) - before
            #expect(written > 0 && written < rows - 1000, "the import was not stopped halfway: \(written) rows")

            // The job shows as interrupted once its lock is gone, which a busy machine may take
            // a while longer to show.
            var list = try await demo.micic("job list --format csv --fields id,state,rows")
            let patience = Date().addingTimeInterval(60)
            while !list.standardOutput.contains(",interrupted,") && Date() < patience {
                try await Task.sleep(for: .milliseconds(250))
                list = try await demo.micic("job list --format csv --fields id,state,rows")
            }
            #expect(list.standardOutput.contains(",interrupted,\(rows)"), "\(list.standardOutput)")
            let id = try #require(
                list.standardOutput.split(separator: "\r\n").dropFirst().first?.split(separator: ",").first
            )
            let resumed = try await demo.micic("job resume \(id)")
            #expect(resumed.status == 0, "\(resumed.standardError)")
            #expect(resumed.standardError.contains("\(rows - 1) created, 1 updated"), "\(resumed.standardError)")
            await #expect(try itemCount(demo) == before + rows - 1)
            let cr = "(select id from tenants where code = 'cr')"
            let imported = "tenant_id = \(cr) and title like 'Práctica número %'"
            await #expect(try demo.count("select count(distinct slug) from items where \(imported)") == rows)
            await #expect(try demo.count("select count(*) from items where \(imported)") == rows)
            await #expect(
                try demo.count(
                    """
                    select count(*) from item_revisions r join items i on i.tenant_id = r.tenant_id and i.id = r.item_id \
                    where i.tenant_id = \(cr) and i.title like 'Práctica número %'
                    """
                ) == rows + 1
            )
            await #expect(
                try demo.count("select count(*) from item_revisions where message like '%(import job \(id))'") == rows
            )
            await #expect(try demo.micic("job list --format count").standardOutput == "0\n")
            await #expect(try demo.micic("job resume \(id)").standardError.contains("finished"))
            let again = try await demo.micic("import practice \(file) --tenant cr")
            #expect(again.standardError.contains("nothing changed: \(rows) rows match"))
        }
    }

    /// Has the database note in `test_merge_sessions` the server session (`pid`) that
    /// inserted each item, and its title.
    private func noteMergeSessions(_ demo: DemoDatabase) async throws {
        let setup = try await demo.database.connect()
        try await setup.executeScript(
            """
            create table test_merge_sessions (pid int, title text);
            create function test_note_session() returns trigger language plpgsql as
              $$ begin insert into test_merge_sessions values (pg_backend_pid(), new.title); return null; end $$;
            create trigger test_note_session after insert on items for each row execute function test_note_session();
            grant insert on test_merge_sessions to public;
            """
        )
        await setup.close()
    }

    @Test func theSecondConnectionsBatchesAreAuditedWithTheFirstsCommandLineAndOneConnectionIsAChoice() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let file = try await writePlans(200, in: scratch)
            // Which server session wrote each item: both connections merge, unless told otherwise.
            try await noteMergeSessions(demo)
            // The shell names the command line in its session; the audit entries of every batch,
            // on either connection, take it.
            let run = try await demo.micic("import practice \(file) --tenant cr --batch-size 10")
            #expect(run.status == 0, "\(run.standardError)")
            let sessions = "select count(distinct pid) from test_merge_sessions where title like"
            #expect(try await demo.count(sessions + " 'Plan %'") == 2)
            let imported = "item_id in (select id from items where title like 'Plan %')"
            #expect(try await demo.count("select count(*) from audit_log where \(imported)") == 200)
            let audited = try await demo.count(
                "select count(*) from audit_log where \(imported) and command like 'import practice %'"
            )
            #expect(audited == 200, "audit entries without the session's command")

            let solo = try await writePlans(200, titled: "Solo", in: scratch)
            let refused = try await demo.micic("import practice \(solo) --tenant cr --connections 3")
            #expect(refused.status == 2 && refused.standardError.contains("--connections must be 1 or 2"))
            let one = try await demo.micic("import practice \(solo) --tenant cr --batch-size 10 --connections 1")
            #expect(one.status == 0, "\(one.standardError)")
            #expect(try await demo.count(sessions + " 'Solo %'") == 1)
            #expect(try await demo.count("select count(*) from items where title like 'Solo %'") == 200)
        }
    }

    @Test func twoConnectionsMergeTheBatchesCommittingInTurnAndAFailureOnEitherStopsBoth() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let rows = 400
            let file = try await writePlans(rows, titled: "Práctica número", in: scratch)
            // Line 100 ends the fourth batch of 25 (the second connection's second): it updates
            // an item this test holds locked.
            let (process, errors, watcher) = try await startImport(file, lockingPractice: 100, in: demo)
            let observer = try await demo.database.connect()
            func count(_ sql: String) async throws -> Int {
                try await observer.query(Query(unsafeSQL: sql))[0].decode(Int.self, at: 0)
            }
            let sessions =
                "select count(*) from pg_stat_activity where datname = current_database() "
                + "and pid <> pg_backend_pid() and application_name = 'micic'"
            let created = "select count(*) from items where title like 'Práctica número %' and version = 1"
            let checkpoint = "select coalesce(max(checkpoint_line), -1)::int from import_jobs"
            // The blocked batch waits for the lock; the first connection merges the batch after
            // it meanwhile, and waits for its turn to commit: the first three batches only are
            // committed.
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline && process.isRunning {
                if try await count(sessions + " and wait_event_type = 'Lock'") == 1,
                    try await count(checkpoint) == 75
                {
                    break
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            await #expect(try count(sessions) == 2, "the import does not merge on two connections")
            await #expect(try count(sessions + " and wait_event_type = 'Lock'") == 1)
            await #expect(try count(checkpoint) == 75)
            try await Task.sleep(for: .milliseconds(500))
            await #expect(try count(created) == 75 + 1, "a batch committed out of its turn")
            // The item moves on meanwhile: its batch fails, and the other connection's waiting
            // batch is rolled back with it.
            try await watcher.execute(
                "update items set fields = fields || '{\"countries\": [\"PA\", \"NI\"]}' "
                    + "where slug = 'practica-numero-100'"
            )
            try await watcher.execute("commit")
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationStatus != 0)
            #expect(message.contains("lines 76 to 100: 1 items changed while they were being imported"), "\(message)")
            await #expect(try count(checkpoint) == 75)
            // The locked item is at its second version now.
            await #expect(try count(created) == 75)
            await #expect(try count(sessions) == 0)
            await watcher.close()
            await observer.close()

            let id = try await demo.count("select max(id) from import_jobs")
            let resumed = try await demo.micic("job resume \(id)")
            #expect(resumed.status == 0, "\(resumed.standardError)")
            // The job's counts: its first run's and the resumed run's.
            #expect(resumed.standardError.contains("\(rows - 1) created, 1 updated"), "\(resumed.standardError)")
            await #expect(try demo.count("select count(*) from items where title like 'Práctica número %'") == rows)
            await #expect(
                try demo.count("select count(*) from item_revisions where message like '%(import job \(id))'") == rows
            )
        }
    }

    @Test func anImportOnOneConnectionIsResumedOnOne() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let rows = 200
            let file = try await writePlans(rows, titled: "Práctica número", in: scratch)
            try await noteMergeSessions(demo)
            // Line 100 ends the fourth batch of 25, which waits for the item this test holds
            // locked; the item then changes, so the batch fails and the import stops there.
            let (process, _, watcher) = try await startImport(
                file,
                lockingPractice: 100,
                in: demo,
                options: "--connections 1"
            )
            let waiting =
                "select count(*) from pg_stat_activity where datname = current_database() "
                + "and application_name = 'micic' and wait_event_type = 'Lock'"
            let deadline = Date().addingTimeInterval(120)
            while try await demo.count(waiting) == 0 && Date() < deadline && process.isRunning {
                try await Task.sleep(for: .milliseconds(50))
            }
            try await watcher.execute(
                "update items set fields = fields || '{\"countries\": [\"PA\", \"NI\"]}' "
                    + "where slug = 'practica-numero-100'"
            )
            try await watcher.execute("commit")
            await watcher.close()
            process.waitUntilExit()
            #expect(process.terminationStatus != 0)
            let imported = "select count(*) from items where title like 'Práctica número %'"
            #expect(try await demo.count(imported) == 75 + 1)
            // The sessions that merged rows of the file (the locked item was made before).
            let sessions =
                "select count(distinct pid) from test_merge_sessions "
                + "where title like 'Práctica número %' and title <> 'Práctica número 100'"
            #expect(try await demo.count(sessions) == 1)

            let id = try await demo.count("select max(id) from import_jobs")
            let resumed = try await demo.micic("job resume \(id)")
            #expect(resumed.status == 0, "\(resumed.standardError)")
            #expect(try await demo.count(imported) == rows)
            // The resumed run merged on one connection too: one session more.
            #expect(try await demo.count(sessions) == 2)
        }
    }

    @Test func aPersonAllowedOneConnectionImportsOnOne() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            var text = ""
            for index in 1...60 {
                text +=
                    "{\"title\": \"Práctica limitada \(index)\", \"phases\": [\"preparedness\"], \"countries\": [\"CR\"]}\n"
            }
            let file = try await scratch.write("limited.ndjson", text)
            // A person of this test alone: roles belong to the whole server, which other tests share.
            let person = "limited_" + UUID().uuidString.prefix(8).lowercased()
            let connection = try await demo.database.connect()
            let verifier = try await connection.encryptPassword("limited-password", user: person)
            try await connection.execute("select micic_create_person(\(person), \(verifier), 'Limited')")
            try await connection.execute("select micic_set_membership('cr', \(person), 'editor', '{}')")
            try await connection.execute("alter role \(identifier: person) connection limit 1")
            let imported = try await demo.micic("import practice \(file) --tenant cr --batch-size 10", as: person)
            #expect(imported.status == 0, "\(imported.standardError)")
            #expect(imported.standardError.contains("60 created"), "\(imported.standardError)")
            await #expect(try demo.count("select count(*) from items where title like 'Práctica limitada %'") == 60)
            try await connection.execute("alter role \(identifier: person) connection limit -1")
            await connection.close()
        }
    }
}
