import Foundation
import MicicTesting
import Postgres
import Testing

/// Tenants and people through the shell, and what people may then do: checked by the
/// database for the person connected.
@Suite struct TenancyCommandLineTests {
    @Test func userCreateSendsTheServerAVerifierNotThePassword() async throws {
        try await TestDatabase.with { database in
            let admin = try await database.connect()
            // Were the password sent in clear, the server would store it encrypted with MD5.
            try await admin.run { connection in
                try connection.execute("alter database \(identifier: database.name) set password_encryption = 'md5'")
            }
            let ana = "\(database.name)_ana"
            await database.adopt(person: ana)
            let create = try await ExecutableRun(
                "micic",
                ["-c", " user create \(ana) --password s3cret-ana"],
                environment: ["DATABASE_URL": database.url]
            )
            #expect(create.status == 0, "\(create.standardError)")
            let stored = try await admin.run { connection in
                try connection.query("select rolpassword from pg_authid where rolname = \(ana)")[0].texts[0]
            }
            #expect(stored?.hasPrefix("SCRAM-SHA-256$") == true)
            #expect(stored?.contains("s3cret-ana") == false)
            await admin.close()
        }
    }

    @Test func administratorsManagePeopleWhoThenSeeOnlyTheirTenant() async throws {
        try await TestDatabase.with { database in
            func micic(_ command: String, as person: String? = nil) async throws -> ExecutableRun {
                let url = try person.map { try database.url(as: $0) } ?? database.url
                return try await ExecutableRun("micic", ["-c", command], environment: ["DATABASE_URL": url])
            }
            #expect(
                try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url]).status
                    == 0
            )
            let ana = "\(database.name)_ana"
            await database.adopt(person: ana)
            let create = try await micic(" user create \(ana) --password s3cret --display-name \"Ana Mora\"")
            #expect(create.status == 0, "\(create.standardError)")
            await #expect(try micic("user grant \(ana) --tenant cr --role editor").status == 0)
            let list = try await micic("user list --format csv --fields name,memberships").standardOutput
            #expect(list.contains("\(ana),cr:editor"))

            // Ana sees her tenant, and hq only for what it offers every office (published
            // practices and tools); ph not at all.
            let tenants = try await micic("tenants --format ids", as: ana)
            #expect(tenants.standardOutput == "cr\nhq\n", "\(tenants.standardError)")
            await #expect(
                try micic("practice list --tenant hq --status draft --format count", as: ana).standardOutput == "0\n"
            )
            await #expect(try micic("news list --tenant hq --format count", as: ana).standardOutput == "0\n")
            let elsewhere = try await micic("practice list --tenant ph --format count", as: ana)
            #expect(elsewhere.status == 1)
            let created = try await micic(
                "practice create --tenant cr --title \"Written by Ana\" --phases preparedness --countries CR --format ids",
                as: ana
            )
            #expect(created.status == 0, "\(created.standardError)")
            let refused = try await micic(" user create \(database.name)_eve --password x", as: ana)
            #expect(refused.status == 1)
            #expect(refused.standardError.contains("only platform administrators"))
            let tenant = try await micic(
                "tenant create mx --name \"Mexico\" --default-language es --languages es,en",
                as: ana
            )
            #expect(tenant.status == 1)
            let purge = try await micic(
                "use cr; practice list --status draft --format ids | practice delete --yes",
                as: ana
            )
            #expect(purge.status == 0, "\(purge.standardError)")

            await #expect(try micic("tenant rename cr --name \"IOM San José\"").status == 0)
            await #expect(try micic("tenant archive cr --yes").status == 0)
            let archived = try await micic(
                "practice create --tenant cr --title \"Too late\" --phases preparedness --countries CR",
                as: ana
            )
            #expect(archived.status == 1)
            await #expect(
                try micic("tenants --format csv --fields code,name,archived", as: ana).standardOutput.contains(
                    "cr,IOM San José,yes"
                )
            )

            await #expect(try micic("user disable \(ana) --yes").status == 0)
            let disabled = try await micic("tenants", as: ana)
            #expect(disabled.status == 4)
            let badCode = try await micic("tenant create X! --name x --default-language en")
            #expect(badCode.status == 1)
            #expect(badCode.standardError.contains("code"))
        }
    }

    @Test func userCreateGivesTheRoleItNamesAllOrNothing() async throws {
        try await TestDatabase.with { database in
            func micic(_ command: String) async throws -> ExecutableRun {
                try await ExecutableRun("micic", ["-c", command], environment: ["DATABASE_URL": database.url])
            }
            #expect(
                try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url]).status
                    == 0
            )
            let luis = "\(database.name)_luis"
            let eve = "\(database.name)_eve"
            await database.adopt(person: luis)
            await database.adopt(person: eve)
            let created = try await micic(
                " use cr; user create \(luis) --password s3cret --role translator --languages en"
            )
            #expect(created.status == 0, "\(created.standardError)")
            #expect(created.standardError.contains("created \(luis), translator in cr"))
            func people() async throws -> String {
                try await micic("user list --format csv --fields name,memberships").standardOutput
            }
            await #expect(try people().contains("\(luis),cr:translator"))

            // A grant the database refuses (no such tenant) takes the person back with it;
            // bad flags are refused before anything is asked or written.
            let unknown = try await micic(" user create \(eve) --password x --tenant zz --role editor")
            #expect(unknown.status == 1, "\(unknown.standardError)")
            for flags in [
                "--tenant cr --role boss", "--tenant cr --languages es", "--tenant cr --role editor --languages e!",
            ] {
                let refused = try await micic(" user create \(eve) --password x " + flags)
                #expect(refused.status == 2, "\(flags): \(refused.standardError)")
            }
            await #expect(try !people().contains(eve))
            await #expect(try micic(" user create \(eve) --password x").status == 0)
        }
    }

    @Test func dryRunsOfAdministrationChangeNothingAndEmptyIdListsAreNothingToDo() async throws {
        try await TestDatabase.with { database in
            func micic(_ command: String, as person: String? = nil) async throws -> ExecutableRun {
                let url = try person.map { try database.url(as: $0) } ?? database.url
                return try await ExecutableRun("micic", ["-c", command], environment: ["DATABASE_URL": url])
            }
            await #expect(
                try micic("tenant create mx --name Mexico --default-language es --languages es,en").status == 0
            )
            let eve = "\(database.name)_eve"
            await database.adopt(person: eve)
            await #expect(try micic("user create \(eve) --password s3cret").status == 0)
            await #expect(try micic("user grant \(eve) --tenant mx --role editor").status == 0)

            for command in [
                "tenant archive mx --dry-run", "tenant rename mx --name Elsewhere --dry-run",
                "user revoke \(eve) --tenant mx --dry-run", "user disable \(eve) --dry-run",
                "user create \(database.name)_ghost --password x --dry-run",
            ] {
                let run = try await micic(command)
                #expect(run.status == 0, "\(command): \(run.standardError)")
                #expect(run.standardError.contains("dry run: nothing was kept"), "\(command)")
            }
            let tenants = try await micic("tenants --format csv --fields code,name,archived").standardOutput
            #expect(tenants.contains("mx,Mexico,no"), "\(tenants)")
            let people = try await micic("user list --format csv --fields name,memberships").standardOutput
            #expect(people.contains("\(eve),mx:editor"), "\(people)")
            #expect(!people.contains("_ghost"))
            await #expect(try micic("tenants --format count", as: eve).status == 0)
            let resume = try await micic("job resume 1 --dry-run")
            #expect(resume.status == 2)
            #expect(resume.standardError.contains("has no --dry-run"))

            // A variable or a pipe that brings no ids is nothing to do, not a usage error.
            let empty = try await micic(
                "use mx; let drafts = practice list --status draft --format ids; practice submit $drafts --yes; "
                    + "practice list --status draft | practice delete --yes; "
                    + "translation list --status submitted | translation approve --yes"
            )
            #expect(empty.status == 0, "\(empty.standardError)")
            #expect(empty.standardError.contains("practice submit: $drafts is empty"))
            #expect(empty.standardError.contains("practice delete: nothing came through the pipe"))
            #expect(empty.standardError.contains("translation approve: nothing came through the pipe"))
        }
    }

    @Test func theDemonstrationPeopleHaveDifferentRoles() async throws {
        try await TestDatabase.with { database in
            #expect(
                try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url]).status
                    == 0
            )
            let people = try await ExecutableRun(
                "micic",
                ["-c", "user list --format csv --fields name,memberships"],
                environment: ["DATABASE_URL": database.url]
            ).standardOutput
            #expect(people.contains("ana,cr:editor"))
            #expect(people.contains("luis,\"cr:reviewer(es,en)\""))
            #expect(people.contains("jose,ph:viewer"))
            let asJose = try await ExecutableRun(
                "micic",
                [
                    "-c",
                    "tenants --format ids; practice list --tenant ph --format count; practice create --tenant ph --title X --phases preparedness --countries PH",
                ],
                environment: ["DATABASE_URL": try database.url(as: "jose")]
            )
            #expect(asJose.standardOutput.hasPrefix("hq\nph\n"), "hq offers every office its practices and tools")
            #expect(asJose.status == 1)
            #expect(asJose.standardError.contains("as a viewer in ph you may not create practices"))
            let sql = try await ExecutableRun(
                "micic",
                ["-c", "sql \"select 1\""],
                environment: ["DATABASE_URL": try database.url(as: "jose")]
            )
            #expect(sql.status == 1)
            #expect(sql.standardError.contains("platform administrators"))
            let again = try await ExecutableRun("micic", ["demo", "load"], environment: ["DATABASE_URL": database.url])
            #expect(again.standardError.contains("0 tenants, 0 people and 0 items created"))
        }
    }
}
