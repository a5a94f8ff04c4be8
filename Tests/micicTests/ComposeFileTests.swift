import Foundation
import Postgres
import Testing
import Yams

/// The compose file must wire the platform to the database the way the platform reads it.
@Suite struct ComposeFileTests {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    private func compose() throws -> [String: Any] {
        let text = try String(contentsOf: root.appendingPathComponent("docker-compose.yml"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    @Test func thePlatformReachesTheDatabaseServiceItDeclares() throws {
        let services = try #require(try compose()["services"] as? [String: Any])
        let postgres = try #require(services["postgres"] as? [String: Any])
        let micic = try #require(services["micic"] as? [String: Any])

        let image = try #require(postgres["image"] as? String)
        #expect(image.hasPrefix("postgres:15"))
        let healthcheck = try #require(postgres["healthcheck"] as? [String: Any])
        #expect((healthcheck["test"] as? [String])?.joined(separator: " ").contains("pg_isready") == true)
        let volumes = try #require(postgres["volumes"] as? [String])
        #expect(volumes.contains { $0.hasSuffix(":/var/lib/postgresql/data") })
        let databaseEnvironment = try #require(postgres["environment"] as? [String: String])

        let environment = try #require(micic["environment"] as? [String: String])
        // The variable is one the platform reads.
        let configuration = try #require(try ConnectionConfiguration.fromEnvironment(environment))
        let text = try #require(configuration.url)
        let url = try #require(URLComponents(string: text))
        let host = try #require(url.host)
        #expect(services.keys.contains(host))
        #expect(url.host == "postgres")
        let ports = try #require(postgres["ports"] as? [String])
        #expect(ports.contains { $0.hasSuffix(":\(url.port ?? 5432)") })
        #expect(url.user == databaseEnvironment["POSTGRES_USER"])
        #expect(url.password == databaseEnvironment["POSTGRES_PASSWORD"])
        #expect(url.path == "/" + (databaseEnvironment["POSTGRES_DB"] ?? ""))

        let dependsOn = try #require(micic["depends_on"] as? [String: Any])
        let condition = (dependsOn["postgres"] as? [String: String])?["condition"]
        #expect(condition == "service_healthy")
        let build = try #require(micic["build"] as? [String: String])
        let path = try #require(build["dockerfile"])
        let dockerfile = root.appendingPathComponent(path)
        #expect(FileManager.default.fileExists(atPath: dockerfile.path))
    }

    @Test func theDeliveryAPIRunsBesideTheDatabaseAsThePublicReader() throws {
        let services = try #require(try compose()["services"] as? [String: Any])
        let postgres = try #require(services["postgres"] as? [String: Any])
        let serve = try #require(services["serve"] as? [String: Any])
        let databaseEnvironment = try #require(postgres["environment"] as? [String: String])

        // It reads as a role of its own, not the database's superuser.
        let environment = try #require(serve["environment"] as? [String: String])
        let text = try #require(try ConnectionConfiguration.fromEnvironment(environment)?.url)
        let url = try #require(URLComponents(string: text))
        #expect(url.host == "postgres")
        #expect(url.path == "/" + (databaseEnvironment["POSTGRES_DB"] ?? ""))
        let user = try #require(url.user)
        #expect(user != databaseEnvironment["POSTGRES_USER"])

        // The database creates that role, with that password, in micic_public.
        let volumes = try #require(postgres["volumes"] as? [String])
        let mount = try #require(volumes.first { $0.contains(":/docker-entrypoint-initdb.d/") })
        let script = try String(
            contentsOf: root.appendingPathComponent(String(mount.split(separator: ":")[0])),
            encoding: .utf8
        )
        #expect(script.contains("create role \(user) login password '\(url.password ?? "")' in role micic_public"))

        // It starts once the database is healthy and migrated, and listens where it is published.
        let dependsOn = try #require(serve["depends_on"] as? [String: [String: String]])
        #expect(dependsOn["postgres"]?["condition"] == "service_healthy")
        #expect(dependsOn["micic"]?["condition"] == "service_completed_successfully")
        let micic = try #require(services["micic"] as? [String: Any])
        #expect(micic["command"] as? [String] == ["migrate"])
        let command = try #require(serve["command"] as? [String])
        #expect(command.first == "serve")
        let host = command.firstIndex(of: "--host").map { command[$0 + 1] }
        #expect(host == "0.0.0.0")
        let port = try #require(command.firstIndex(of: "--port").map { command[$0 + 1] })
        let ports = try #require(serve["ports"] as? [String])
        #expect(ports.contains { $0.hasSuffix(":\(port)") })
        #expect(
            (serve["build"] as? [String: String])?["dockerfile"] == (micic["build"] as? [String: String])?["dockerfile"]
        )
    }
}
