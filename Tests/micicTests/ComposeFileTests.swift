import Foundation
import Postgres
import Testing
import Yams

/// The compose file must wire the platform to the database the way the platform reads it,
/// and keep what it promises: PostgreSQL reachable by the other services only, no password
/// written in the file, no service working as the superuser, migrations as the schema's
/// owner, the shell as a person and the delivery API as the public reader.
@Suite struct ComposeFileTests {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The file's services.
    private func services() throws -> [String: [String: Any]] {
        let text = try String(contentsOf: root.appendingPathComponent("docker-compose.yml"), encoding: .utf8)
        let compose = try #require(try Yams.load(yaml: text) as? [String: Any])
        return try #require(compose["services"] as? [String: [String: Any]])
    }

    private func environment(of service: [String: Any]) throws -> [String: String] {
        try #require(service["environment"] as? [String: String])
    }

    /// Where a service connects, as the platform reads its environment.
    private func url(of service: [String: Any]) throws -> URLComponents {
        let configuration = try #require(try ConnectionConfiguration.fromEnvironment(environment(of: service)))
        let text = try #require(configuration.url)
        return try #require(URLComponents(string: text))
    }

    /// The name of the variable of the environment Compose takes a value from, when the value
    /// is `${NAME:?message}` (required: Compose refuses to start without it).
    private func requiredVariable(_ value: String) -> String? {
        guard let match = value.wholeMatch(of: /\$\{([A-Z0-9_]+):\?[^}]+\}/) else { return nil }
        return String(match.1)
    }

    /// The script the postgres image runs as its superuser when it creates its data volume.
    private func initScript(_ postgres: [String: Any]) throws -> String {
        let volumes = try #require(postgres["volumes"] as? [String])
        let mount = try #require(volumes.first { $0.contains(":/docker-entrypoint-initdb.d/") })
        return try String(
            contentsOf: root.appendingPathComponent(String(mount.split(separator: ":")[0])),
            encoding: .utf8
        )
    }

    /// The script's `create role NAME ...` statement.
    private func creation(of role: String, in script: String) throws -> String {
        let lines = script.split(separator: "\n").map(String.init)
        return try #require(lines.first { $0.hasPrefix("create role \(role) ") }, "no create role \(role)")
    }

    /// The services that connect to the database, by name: the platform's (the database
    /// servers, postgres and its standby, run an image of their own).
    private func clients(_ services: [String: [String: Any]]) -> [String: [String: Any]] {
        services.filter { $0.key != "postgres" && $0.value["image"] == nil }
    }

    @Test func thePlatformReachesTheDatabaseServiceItDeclares() throws {
        let services = try services()
        let postgres = try #require(services["postgres"])
        let image = try #require(postgres["image"] as? String)
        #expect(image.hasPrefix("postgres:15"))
        let healthcheck = try #require(postgres["healthcheck"] as? [String: Any])
        #expect((healthcheck["test"] as? [String])?.joined(separator: " ").contains("pg_isready") == true)
        let volumes = try #require(postgres["volumes"] as? [String])
        #expect(volumes.contains { $0.hasSuffix(":/var/lib/postgresql/data") })
        let database = try environment(of: postgres)["POSTGRES_DB"]

        for (name, service) in clients(services) {
            let url = try url(of: service)
            #expect(url.host == "postgres", "\(name)")
            #expect(url.path == "/" + (database ?? ""), "\(name)")
            let dependsOn = try #require(service["depends_on"] as? [String: [String: String]])
            #expect(dependsOn["postgres"]?["condition"] == "service_healthy", "\(name)")
            let build = try #require(service["build"] as? [String: String])
            let dockerfile = root.appendingPathComponent(try #require(build["dockerfile"]))
            #expect(FileManager.default.fileExists(atPath: dockerfile.path), "\(name)")
        }
    }

    @Test func postgresIsNotPublishedBeyondLoopback() throws {
        let postgres = try #require(try services()["postgres"])
        let ports = postgres["ports"] as? [Any] ?? []
        for port in ports {
            let text = try #require(port as? String, "ports are written as HOST_IP:HOST_PORT:PORT")
            #expect(text.hasPrefix("127.0.0.1:"), "\(text)")
        }
        #expect(postgres["network_mode"] == nil)
    }

    @Test func noPasswordIsWrittenInTheFileOrTheInitScript() throws {
        let services = try services()
        for (name, service) in services {
            for (key, value) in try environment(of: service) where key.contains("PASSWORD") {
                #expect(requiredVariable(value) != nil, "\(name): \(key) is not taken from the environment")
            }
        }
        for (name, service) in clients(services) {
            #expect(try url(of: service).password == nil, "\(name): a password in its URL")
        }
        // Passwords reach CREATE ROLE as psql variables, never as literals.
        let script = try initScript(try #require(services["postgres"]))
        #expect(!script.lowercased().contains("password '"))
        #expect(script.contains("password :'"))
    }

    @Test func noServiceConnectsAsTheSuperuser() throws {
        let services = try services()
        let superuser = try environment(of: try #require(services["postgres"]))["POSTGRES_USER"] ?? "postgres"
        let script = try initScript(try #require(services["postgres"]))
        for (name, service) in clients(services) {
            let user = try #require(try url(of: service).user, "\(name) names no role")
            #expect(user != superuser, "\(name)")
            let creation = try creation(of: user, in: script)
            #expect(!creation.contains("superuser") && !creation.contains("bypassrls"), "\(name)")
        }
    }

    @Test func migrationsRunAsTheSchemasOwnerWhoIsNoSuperuser() throws {
        let services = try services()
        let migrate = try #require(services.values.first { $0["command"] as? [String] == ["migrate"] })
        let owner = try #require(try url(of: migrate).user)
        let script = try initScript(try #require(services["postgres"]))
        // It may create roles (people are roles), and owns the database (and so its public schema).
        let creation = try creation(of: owner, in: script)
        #expect(creation.contains(" login ") && creation.contains(" createrole "))
        #expect(script.contains("alter database :\"DBNAME\" owner to \(owner);"))
    }

    @Test func theShellWorksAsAPerson() throws {
        let services = try services()
        let shell = try #require(services["micic"])
        #expect(shell["command"] == nil)
        #expect(shell["stdin_open"] as? Bool == true && shell["tty"] as? Bool == true)
        let person = try #require(try url(of: shell).user)
        let script = try initScript(try #require(services["postgres"]))
        // A platform administrator: in micic_admins, which is in micic_people.
        #expect(try creation(of: person, in: script).hasSuffix(" in role micic_admins;"))
        #expect(try creation(of: "micic_admins", in: script).hasSuffix(" in role micic_people;"))
        let dependsOn = try #require(shell["depends_on"] as? [String: [String: String]])
        #expect(dependsOn.values.contains { $0["condition"] == "service_completed_successfully" })
    }

    @Test func theStandbyCopiesPostgresAsTheReplicatorAndTheSecondAPIReadsIt() throws {
        let services = try services()
        let postgres = try #require(services["postgres"])
        let standby = try #require(services["standby"])
        #expect((standby["image"] as? String)?.hasPrefix("postgres:15") == true)
        #expect(standby["profiles"] as? [String] == ["standby"])
        #expect(standby["ports"] == nil)
        let dependsOn = try #require(standby["depends_on"] as? [String: [String: String]])
        #expect(dependsOn["postgres"]?["condition"] == "service_healthy")

        // The entrypoint copies the postgres service as micic_replicator, which the init
        // script makes (replication and nothing more) with the password the standby is given.
        let volumes = try #require(standby["volumes"] as? [String])
        let entrypoint = try #require(standby["entrypoint"] as? [String])
        let mount = try #require(volumes.first { $0.hasSuffix(":" + (entrypoint.last ?? "") + ":ro") })
        let copy = try String(
            contentsOf: root.appendingPathComponent(String(mount.split(separator: ":")[0])),
            encoding: .utf8
        )
        #expect(copy.contains("pg_basebackup --host postgres --username micic_replicator"))
        #expect(copy.contains("--write-recovery-conf") && copy.contains("--slot "))
        let script = try initScript(postgres)
        let creation = try creation(of: "micic_replicator", in: script)
        #expect(!creation.contains("superuser") && !creation.contains("bypassrls"))
        let passwordVariable = try #require(creation.firstMatch(of: /login replication password :'([a-z_]+)';$/))
        let password = try #require(try environment(of: standby)["PGPASSWORD"])
        let variable = try #require(requiredVariable(password))
        #expect(script.contains("--set \(passwordVariable.1)=\"$\(variable)\""))
        #expect(try environment(of: postgres)[variable].flatMap(requiredVariable) == variable)
        #expect(script.contains("host replication micic_replicator all scram-sha-256"))

        // The second API hears of changes from postgres and reads the standby, as the public.
        let serve = try #require(services["serve-standby"])
        #expect(try url(of: serve).host == "postgres")
        let command = try #require(serve["command"] as? [String])
        let read = try #require(command.firstIndex(of: "--read-url").map { URLComponents(string: command[$0 + 1]) })
        #expect(read?.host == "standby")
        #expect(read?.user == (try url(of: services["serve"] ?? [:]).user))
        #expect(read?.path == (try url(of: serve).path))
        let waits = try #require(serve["depends_on"] as? [String: [String: String]])
        #expect(waits["standby"]?["condition"] == "service_healthy")
    }

    @Test func theDeliveryAPIRunsBesideTheDatabaseAsThePublicReader() throws {
        let services = try services()
        let postgres = try #require(services["postgres"])
        let serve = try #require(services["serve"])

        // It reads as a login role of micic_public, whose password the init script takes
        // from the same variable of the environment as the API.
        let user = try #require(try url(of: serve).user)
        let script = try initScript(postgres)
        let creation = try creation(of: user, in: script)
        let passwordVariable = try #require(
            creation.firstMatch(of: /login password :'([a-z_]+)' in role micic_public;$/)
        )
        let password = try #require(try environment(of: serve)["PGPASSWORD"])
        let variable = try #require(requiredVariable(password))
        #expect(script.contains("--set \(passwordVariable.1)=\"$\(variable)\""))
        #expect(try environment(of: postgres)[variable].flatMap(requiredVariable) == variable)

        // It starts once the database is healthy and migrated, and listens where it is published.
        let dependsOn = try #require(serve["depends_on"] as? [String: [String: String]])
        #expect(dependsOn["postgres"]?["condition"] == "service_healthy")
        let migrations = try #require(dependsOn.first { $0.value["condition"] == "service_completed_successfully" })
        #expect(services[migrations.key]?["command"] as? [String] == ["migrate"])
        let command = try #require(serve["command"] as? [String])
        #expect(command.first == "serve")
        let host = command.firstIndex(of: "--host").map { command[$0 + 1] }
        #expect(host == "0.0.0.0")
        let port = try #require(command.firstIndex(of: "--port").map { command[$0 + 1] })
        let ports = try #require(serve["ports"] as? [String])
        #expect(ports.contains { $0.hasSuffix(":\(port)") })
    }
}
