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
}
