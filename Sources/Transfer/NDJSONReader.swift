internal import Foundation
internal import Kernel

/// Reads NDJSON: one JSON object per line (blank lines skipped), each line checked to be
/// UTF-8 and no longer than the limit.
final class NDJSONReader: RecordReader {
    private let file: InputFile
    private let maximumBytes: Int
    private var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
    private var position = 0
    private var line = 0
    private var buffer: [UInt8] = []

    init(file: InputFile, maximumBytes: Int) {
        self.file = file
        self.maximumBytes = maximumBytes
        buffer.reserveCapacity(64 * 1024)
    }

    var size: Int { file.size }
    var bytesRead: Int { file.bytesRead }
    var checksum: String { file.checksum }

    func next() throws(ImportFileError) -> SourceRecord? {
        while true {
            guard let tooLong = try readLine() else { return nil }
            line += 1
            if tooLong { return SourceRecord(line: line, values: .object([:]), problem: oversized(maximumBytes)) }
            if let end = buffer.lastIndex(where: { $0 != UInt8(ascii: "\r") }) {
                buffer.removeSubrange((end + 1)...)
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            if buffer.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return record()
        }
    }

    /// The current line as a record: its object, or the problem with it.
    private func record() -> SourceRecord {
        guard let text = String(validating: buffer, as: UTF8.self) else {
            return SourceRecord(
                line: line,
                values: .object([:]),
                problem: "is not UTF-8 text; save the file as UTF-8"
            )
        }
        do {
            guard case .object(let object) = try FieldValue.parse(json: text) else {
                return SourceRecord(line: line, values: .object([:]), problem: "is not a JSON object ({...})")
            }
            return SourceRecord(line: line, values: .object(object), problem: nil)
        } catch {
            return SourceRecord(line: line, values: .object([:]), problem: "is not valid JSON: \(error)")
        }
    }

    /// Reads up to the next line feed into `buffer`.
    /// - Returns: `nil` at the end of the file; otherwise whether the line was too long
    ///   (then `buffer` holds only its start).
    private func readLine() throws(ImportFileError) -> Bool? {
        buffer.removeAll(keepingCapacity: true)
        var length = 0
        var sawAnything = false
        while true {
            if position == chunk.count {
                chunk = try file.nextChunk()
                position = 0
                if chunk.isEmpty { return sawAnything ? length > maximumBytes : nil }
            }
            sawAnything = true
            let start = chunk.baseAddress! + position
            let available = chunk.count - position
            let found = memchr(start, 0x0A, available)
            let run = found.map { UnsafeRawPointer($0) - start } ?? available
            if length + run <= maximumBytes {
                buffer.append(contentsOf: UnsafeRawBufferPointer(start: start, count: run))
            }
            length += run
            position += run
            if found != nil {
                position += 1
                return length > maximumBytes
            }
        }
    }
}
