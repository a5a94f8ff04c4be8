import Delivery
import Events
import Foundation
import Hummingbird
import Kernel
import Logging
import News
import Postgres
import Practices
import Testing
import Tools

/// The OpenAPI document and the router describe the same API.
@Suite struct OpenAPITests {
    private func server() throws -> DeliveryServer {
        DeliveryServer(
            configuration: DeliveryConfiguration(port: 0),
            database: try ConnectionConfiguration(url: "postgresql://nobody@localhost/nothing"),
            registry: try PluginRegistry([PracticesPlugin(), EventsPlugin(), NewsPlugin(), ToolsPlugin()]),
            logger: Logger(label: "test")
        )
    }

    private func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.text.utf8)) as? [String: Any])
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() throws {
        let routes = Set(try server().router().routes.map { "\($0.method.rawValue) \($0.path)" })
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        #expect(routes == documented)
        #expect(routes.count == 7)
    }

    @Test func theDocumentIsOpenAPI31AndItsReferencesResolve() throws {
        let document = try document()
        #expect(document["openapi"] as? String == "3.1.0")
        let components = try #require(document["components"] as? [String: [String: Any]])
        var references: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String { references.append(reference) }
                object.values.forEach(collect)
            } else if let list = value as? [Any] {
                list.forEach(collect)
            }
        }
        collect(document)
        #expect(references.count > 20)
        for reference in Set(references) {
            let parts = reference.split(separator: "/").map(String.init)
            #expect(parts.count == 4 && parts[0] == "#" && parts[1] == "components", "\(reference)")
            #expect(components[parts[2]]?[parts[3]] != nil, "\(reference) does not resolve")
        }
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        for (path, operations) in paths {
            for (method, operation) in operations {
                #expect(operation["operationId"] is String, "\(method) \(path)")
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
                #expect(responses["200"] != nil, "\(method) \(path)")
                #expect(responses["405"] != nil, "\(method) \(path)")
                let parameters = (operation["parameters"] as? [[String: Any]]) ?? []
                let named = parameters.compactMap {
                    ($0["$ref"] as? String)?.split(separator: "/").last.map(String.init)
                }
                for capture in path.split(separator: "/") where capture.hasPrefix("{") {
                    #expect(named.contains(String(capture.dropFirst().dropLast())), "\(path) documents \(capture)")
                }
            }
        }
    }
}
