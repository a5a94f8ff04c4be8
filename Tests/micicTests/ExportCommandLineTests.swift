import Foundation
import MicicTesting
import Testing

/// `export` through the executable, against the demonstration content.
@Suite struct ExportCommandLineTests {
    private func objects(_ ndjson: String) throws -> [[String: Any]] {
        try ndjson.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func everyTypeExportsAsNDJSONAndCSV() async throws {
        try await DemoDatabase.with { demo in
            for type in ["practice", "event", "news", "tool"] {
                let count = try await demo.count(
                    "select count(*) from items where type = '\(type)' and tenant_id = "
                        + "(select id from tenants where code = 'cr')"
                )
                let ndjson = try await demo.micic("use cr; export \(type)")
                #expect(ndjson.status == 0, "\(ndjson.standardError)")
                let items = try objects(ndjson.standardOutput)
                #expect(items.count == count)
                #expect(items.allSatisfy { $0["type"] as? String == type })
                #expect(items.allSatisfy { ($0["fields"] as? [String: Any])?.isEmpty == false })

                let csv = try await demo.micic("use cr; export \(type) --format csv")
                #expect(csv.status == 0, "\(csv.standardError)")
                #expect(csv.standardOutput.hasPrefix("id,language,translation_of,slug,title,status,"))
                let ids = items.compactMap { $0["id"] as? Int }
                for id in ids { #expect(csv.standardOutput.contains("\r\n\(id),")) }
            }
        }
    }

    @Test func aTenantExportHoldsEveryTypeAndRevisionsOnRequest() async throws {
        try await DemoDatabase.with { demo in
            let scratch = try ScratchDirectory()
            let file = scratch.path("cr.ndjson")
            let updated = try await demo.micic("use cr; news list --format ids --limit 1 | news update --tags revised")
            #expect(updated.status == 0, "\(updated.standardError)")
            let export = try await demo.micic("export tenant cr --to \(file) --revisions")
            #expect(export.status == 0, "\(export.standardError)")
            #expect(export.standardOutput.isEmpty)
            #expect(export.standardError.contains("exported"))
            #expect(!FileManager.default.fileExists(atPath: file + ".partial"))
            let items = try objects(try String(contentsOfFile: file, encoding: .utf8))
            let total = try await demo.count(
                "select count(*) from items where tenant_id = (select id from tenants where code = 'cr')"
            )
            #expect(items.count == total)
            #expect(Set(items.compactMap { $0["type"] as? String }) == ["practice", "event", "news", "tool"])
            let revised = items.filter { (($0["revisions"] as? [[String: Any]])?.count ?? 0) == 2 }
            #expect(revised.count == 1)
            let csv = try await demo.micic("export tenant cr --format csv")
            #expect(csv.standardOutput.hasPrefix("id,type,language,"))
        }
    }

    @Test func privateFieldsOnlyForEditorsAndAdmins() async throws {
        try await DemoDatabase.with { demo in
            let editor = try await demo.micic("export practice --tenant cr", as: "ana")
            #expect(editor.status == 0, "\(editor.standardError)")
            #expect(editor.standardOutput.contains("submitter_contact"))
            let reviewer = try await demo.micic("export practice --tenant cr", as: "luis")
            #expect(reviewer.status == 0, "\(reviewer.standardError)")
            #expect(!reviewer.standardOutput.isEmpty)
            #expect(!reviewer.standardOutput.contains("submitter_contact"))
            #expect(!reviewer.standardOutput.contains("example.org"))
            let reviewerCSV = try await demo.micic("export practice --tenant cr --format csv", as: "luis")
            #expect(!reviewerCSV.standardOutput.contains("submitter_contact"))
            let elsewhere = try await demo.micic("export practice --tenant ph", as: "luis")
            #expect(elsewhere.status == 1)
        }
    }

    @Test func mistakesAreUsageErrors() async throws {
        try await DemoDatabase.with { demo in
            let unknown = try await demo.micic("use cr; export practise")
            #expect(unknown.status == 2)
            #expect(unknown.standardError.contains("did you mean practice"))
            await #expect(try demo.micic("use cr; export practice --format xml").status == 2)
            await #expect(try demo.micic("use cr; export practice --format csv --revisions").status == 2)
            await #expect(try demo.micic("export practice").status == 1)
        }
    }
}
