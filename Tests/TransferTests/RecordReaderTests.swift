import Foundation
import Kernel
import Testing

@testable import Transfer

/// The streaming CSV and NDJSON readers: records, their line numbers, and what they refuse.
@Suite struct RecordReaderTests {
    /// Writes `bytes` to a temporary file and reads every record of it.
    private func records(
        _ bytes: [UInt8],
        _ format: TransferFormat,
        maximumBytes: Int = maximumRecordBytes
    ) throws -> [SourceRecord] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("micic-\(UUID().uuidString)").path
        try #require(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reader = try ImportFile.reader(path, format: format, maximumBytes: maximumBytes)
        var all: [SourceRecord] = []
        while let record = try reader.next() { all.append(record) }
        return all
    }

    private func cells(_ record: SourceRecord) -> [String] {
        if case .cells(let cells) = record.values { return cells }
        return []
    }

    @Test func csvRecordsCarryTheLineTheyStartOn() throws {
        let text = "title,body\r\n\"A, quoted\",\"two\nlines and \"\"quotes\"\"\"\r\n\r\nplain,x\nlast,\"\"\n"
        let read = try records(Array(text.utf8), .csv)
        #expect(read.map(\.line) == [1, 2, 5, 6])
        #expect(cells(read[0]) == ["title", "body"])
        #expect(cells(read[1]) == ["A, quoted", "two\nlines and \"quotes\""])
        #expect(cells(read[2]) == ["plain", "x"])
        #expect(cells(read[3]) == ["last", ""])
        #expect(read.allSatisfy { $0.problem == nil })
    }

    @Test func aByteOrderMarkIsSkippedAndUTF16Refused() throws {
        let marked = try records([0xEF, 0xBB, 0xBF] + Array("title\nA\n".utf8), .csv)
        #expect(cells(marked[0]) == ["title"])
        #expect(throws: ImportFileError.self) { try records([0xFF, 0xFE, 0x74, 0x00], .csv) }
        #expect(throws: ImportFileError.self) { try records([0xFF, 0xFE, 0x7B, 0x00], .ndjson) }
    }

    @Test func anUnclosedQuoteStopsTheFileNamingItsLine() throws {
        do {
            _ = try records(Array("title,body\nA,B\n\"C,never closed\nD,E\n".utf8), .csv)
            Issue.record("an unclosed quote was accepted")
        } catch let error as ImportFileError {
            #expect(error.message.hasPrefix("line 3:"))
            #expect(error.message.contains("never closed"))
        }
    }

    @Test func badRowsAreMarkedAndReadingGoesOn() throws {
        let latin1: [UInt8] =
            Array("title\n".utf8) + [0x47, 0x65, 0x73, 0x74, 0x69, 0xF3, 0x6E, 0x0A] + Array("Ok\n".utf8)
        let read = try records(latin1, .csv)
        #expect(read[1].problem?.contains("not UTF-8") == true)
        #expect(read[2].problem == nil)
        let stray = try records(Array("title\nab\"c\n\"x\"y\n".utf8), .csv)
        #expect(stray[1].problem?.contains("unquoted") == true)
        #expect(stray[2].problem?.contains("after its closing quote") == true)
    }

    @Test func anOversizedRowIsRejectedInBoundedMemory() throws {
        let big = "title,body\nsmall,x\nhuge,\"" + String(repeating: "a", count: 5_000) + "\"\nafter,y\n"
        let read = try records(Array(big.utf8), .csv, maximumBytes: 1_000)
        #expect(read.count == 4)
        #expect(read[2].problem?.contains("longer than") == true)
        #expect(cells(read[2]).joined().utf8.count <= 1_000)
        #expect(cells(read[3]) == ["after", "y"])
        let json = try records(
            Array(("{\"a\":1}\n{\"b\":\"" + String(repeating: "b", count: 5_000) + "\"}\n{}\n").utf8),
            .ndjson,
            maximumBytes: 1_000
        )
        #expect(json.map(\.line) == [1, 2, 3])
        #expect(json[1].problem?.contains("longer than") == true)
    }

    @Test func ndjsonSkipsBlankLinesAndNamesBadOnes() throws {
        let text = "{\"title\":\"A\"}\r\n\n  \n[1]\n{\"title\":\n{\"title\":\"B\"}"
        let read = try records(Array(text.utf8), .ndjson)
        #expect(read.map(\.line) == [1, 4, 5, 6])
        #expect(read[0].problem == nil)
        #expect(read[1].problem?.contains("not a JSON object") == true)
        #expect(read[2].problem?.contains("not valid JSON") == true)
        if case .object(let object) = read[3].values { #expect(object["title"] == .text("B")) }
    }

    @Test func theChecksumCoversTheWholeFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("micic-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        func checksum(_ text: String) throws -> String {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let reader = try ImportFile.reader(path, format: .ndjson)
            while try reader.next() != nil {}
            return reader.checksum
        }
        let first = try checksum("{\"title\":\"A\"}\n{\"title\":\"B\"}\n")
        #expect(try checksum("{\"title\":\"A\"}\n{\"title\":\"B\"}\n") == first)
        #expect(try checksum("{\"title\":\"A\"}\n{\"title\":\"C\"}\n") != first)
    }
}
