import Events
import Kernel
import Practices
import Testing
import Tools

@testable import Transfer

/// Rows understood and validated as a single create is.
@Suite struct ImportDecoderTests {
    static let registry = try! PluginRegistry([PracticesPlugin(), EventsPlugin(), ToolsPlugin()])
    static let tenant = Tenant(code: "cr", name: "Costa Rica", defaultLanguage: "es", languages: ["es", "en"])

    private func decoder(
        type: String? = "practice",
        key: String = "slug",
        format: TransferFormat = .csv,
        map: [String: String] = [:]
    ) throws -> ImportDecoder {
        try ImportDecoder(
            rules: ContentRules(registry: Self.registry),
            tenant: Self.tenant,
            type: type,
            key: key,
            format: format,
            columnMap: map
        )
    }

    private func csv(_ line: Int, _ cells: [String]) -> SourceRecord {
        SourceRecord(line: line, values: .cells(cells), problem: nil)
    }

    @Test func aCSVRowBecomesAValidatedRow() throws {
        var decoder = try decoder()
        guard case .header = try decoder.decode(csv(1, ["title", "phases", "countries", "submitter_contact", "id"]))
        else {
            Issue.record("the header was not read")
            return
        }
        guard case .row(let row) = try decoder.decode(csv(2, ["Hyogo E-Net", "preparedness", "JP;PH", "a@b.org", "7"]))
        else {
            Issue.record("the row was rejected")
            return
        }
        #expect(row.slug == "hyogo-e-net")
        #expect(!row.slugGiven)
        #expect(row.language == "es")
        #expect(row.status == nil)
        #expect(row.fields["countries"] == .list([.text("JP"), .text("PH")]))
        #expect(row.privateFields == ["submitter_contact": .text("a@b.org")])
        #expect(Set(row.covered) == ["phases", "countries", "submitter_contact"])
        #expect(row.key == "hyogo-e-net")
    }

    @Test func badValuesAreRejectedFieldByField() throws {
        var decoder = try decoder()
        _ = try decoder.decode(csv(1, ["title", "phases", "countries", "consent_to_publish"]))
        guard case .rejected(let problems) = try decoder.decode(csv(7, ["", "preparation", "CR", "perhaps"])) else {
            Issue.record("a bad row was accepted")
            return
        }
        #expect(problems.allSatisfy { $0.line == 7 })
        #expect(Set(problems.map(\.field)) == ["title", "phases", "consent_to_publish"])
        guard case .rejected(let short) = try decoder.decode(csv(8, ["Only a title"])) else {
            Issue.record("a short row was accepted")
            return
        }
        #expect(short[0].reason.contains("header names 4 columns"))
    }

    /// The problem with a header, or `nil` when it is usable.
    private func headerProblem(_ names: [String], map: [String: String] = [:]) throws -> String? {
        var decoder = try decoder(map: map)
        do {
            _ = try decoder.decode(csv(1, names))
            return nil
        } catch {
            return error.message
        }
    }

    @Test func headersThatCannotBeUsedStopTheFile() throws {
        #expect(try headerProblem(["title", "phases"])?.contains("required field countries") == true)
        #expect(
            try headerProblem(["title", "phases", "countries", "contries"])?.contains("did you mean countries") == true
        )
        #expect(try headerProblem(["title", "title", "phases", "countries"])?.contains("twice") == true)
        #expect(try headerProblem(["phases", "countries"])?.contains("no title column") == true)
        #expect(
            try headerProblem(
                ["Name", "Phase", "Country"],
                map: ["Name": "title", "Phase": "phases", "Country": "countries"]
            ) == nil
        )
        var garbled = try decoder()
        let badHeader = SourceRecord(line: 1, values: .cells(["t\u{FFFD}tle"]), problem: "column 1 is not UTF-8 text")
        #expect(throws: ImportFileError(line: 1, "the header row column 1 is not UTF-8 text")) {
            try garbled.decode(badHeader)
        }
        #expect(throws: (any Error).self) { try self.decoder(key: "phases") }
        #expect(throws: (any Error).self) { try self.decoder(type: nil, key: "slug_id") }
    }

    @Test func ndjsonRowsInTheExportShapeOrFlat() throws {
        var decoder = try decoder(type: nil, format: .ndjson)
        let exported = SourceRecord(
            line: 3,
            values: .object([
                "type": .text("event"), "id": .integer(9), "title": .text("Workshop"), "language": .text("en"),
                "status": .text("published"), "slug": .text("workshop"),
                "fields": .object([
                    "start": .object(["utc": .text("2017-02-01T14:30:00Z"), "zone": .text("America/Costa_Rica")]),
                    "end": .object(["utc": .text("2017-02-02T23:00:00Z"), "zone": .text("America/Costa_Rica")]),
                    "attendance": .text("in_person"), "event_status": .text("scheduled"),
                ]),
            ]),
            problem: nil
        )
        guard case .row(let row) = try decoder.decode(exported) else {
            Issue.record("an exported row was rejected")
            return
        }
        #expect(row.type == "event")
        #expect(row.status == "published")
        #expect(row.slugGiven)
        var flat = try self.decoder(format: .ndjson)
        let wrong = SourceRecord(
            line: 4,
            values: .object(["title": .text("T"), "phases": .list([.text("preparedness")]), "colour": .text("red")]),
            problem: nil
        )
        guard case .rejected(let problems) = try flat.decode(wrong) else {
            Issue.record("a row without countries was accepted")
            return
        }
        #expect(Set(problems.map(\.field)) == ["countries", "colour"])
    }

    @Test func anExternalIdKeyNeedsAValue() throws {
        var decoder = try decoder(type: "event", key: "registration_url", format: .ndjson)
        let row = SourceRecord(
            line: 2,
            values: .object([
                "title": .text("Workshop"), "attendance": .text("online"), "event_status": .text("scheduled"),
                "start": .object(["utc": .text("2017-02-01T14:30:00Z"), "zone": .text("UTC")]),
                "end": .object(["utc": .text("2017-02-01T16:30:00Z"), "zone": .text("UTC")]),
            ]),
            problem: nil
        )
        guard case .rejected(let problems) = try decoder.decode(row) else {
            Issue.record("a row without its key was accepted")
            return
        }
        #expect(problems.map(\.field) == ["registration_url"])
    }
}
