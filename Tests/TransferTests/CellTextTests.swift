import Events
import Kernel
import Practices
import Testing
import Tools

@testable import Transfer

/// Field values as CSV cells and back, for every kind the plugins use.
@Suite struct CellTextTests {
    @Test func everyKindRoundTrips() throws {
        let samples: [(FieldValue, FieldKind)] = [
            (.text("Hyogo E-Net, in five languages"), .text(maxLength: 200)),
            (.text("Line one\n\nLine \"two\"; with a semicolon"), .markdown(maxLength: nil)),
            (.list([.text("CR"), .text("PH")]), .list(.country)),
            (.list([.text("IOM; Costa Rica"), .text("back\\slash")]), .list(.text(maxLength: 200))),
            (.integer(42), .integer(0...100)),
            (.boolean(true), .boolean),
            (.boolean(false), .boolean),
            (
                .object(["utc": .text("2017-12-04T15:00:00Z"), "zone": .text("America/Mexico_City")]),
                .dateTime
            ),
            (
                .list([.object(["title": .text("Module 1"), "duration": .text("PT20M")])]),
                ToolsPlugin.tool.field("modules")!.kind
            ),
            (.text("2016-06-01"), .date),
        ]
        for (value, kind) in samples {
            let cell = CellText.render(value, as: kind)
            #expect(try CellText.parse(cell, as: kind) == value, "\(cell)")
        }
    }

    @Test func cellsWrittenByPeopleAreRead() throws {
        #expect(try CellText.parse("", as: .text(maxLength: 10)) == nil)
        #expect(try CellText.parse("CR; PH ;", as: .list(.country)) == .list([.text("CR"), .text("PH")]))
        #expect(try CellText.parse("yes", as: .boolean) == .boolean(true))
        let local = try CellText.parse("2017-12-04T09:00 America/Mexico_City", as: .dateTime)
        #expect(local == .object(["utc": .text("2017-12-04T15:00:00Z"), "zone": .text("America/Mexico_City")]))
        #expect(throws: CellError.self) { try CellText.parse("maybe", as: .boolean) }
        #expect(throws: CellError.self) { try CellText.parse("4.5", as: .integer(0...9)) }
        #expect(throws: CellError.self) { try CellText.parse("[{", as: ToolsPlugin.tool.field("modules")!.kind) }
    }

    @Test func csvCellsAreQuotedOnlyWhenNeeded() {
        #expect(
            CSVText.line(["a", "b c", "d,e", "say \"hi\"", "two\nlines"])
                == "a,b c,\"d,e\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
        )
    }
}
