/// Reads RFC 4180 CSV: records of cells separated by commas, ended by CRLF or LF; cells
/// quoted with `"` may hold commas, quotes (doubled) and line breaks. Blank lines are
/// skipped. Each record carries the line it starts on, counted through quoted line breaks.
final class CSVReader: RecordReader {
    private enum State {
        case cellStart
        case unquoted
        case quoted
        case quoteInQuoted
    }

    private let file: InputFile
    private let maximumBytes: Int
    private var chunk = UnsafeRawBufferPointer(start: nil, count: 0)
    private var position = 0
    private var ended = false
    /// The line the next byte is on.
    private var line = 1
    /// A carriage return ended the last record: a line feed right after it belongs to it.
    private var skipLineFeed = false

    private var cell: [UInt8] = []
    private var cells: [String] = []
    private var problem: String?
    private var recordBytes = 0

    init(file: InputFile, maximumBytes: Int) {
        self.file = file
        self.maximumBytes = maximumBytes
    }

    var size: Int { file.size }
    var bytesRead: Int { file.bytesRead }
    var checksum: String { file.checksum }

    func next() throws(ImportFileError) -> SourceRecord? {
        while !ended {
            let start = line
            guard try readRecord() else { continue }
            if cells.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) && problem == nil { continue }
            return SourceRecord(line: start, values: .cells(cells), problem: problem)
        }
        return nil
    }

    /// Reads one record into `cells`.
    /// - Returns: whether a record was read (false for nothing before the end of the file).
    private func readRecord() throws(ImportFileError) -> Bool {
        cells.removeAll(keepingCapacity: true)
        cell.removeAll(keepingCapacity: true)
        problem = nil
        recordBytes = 0
        var state = State.cellStart
        var quoteLine = line
        var consumed = false
        while true {
            guard let byte = try nextByte() else {
                ended = true
                if state == .quoted {
                    throw ImportFileError(
                        line: quoteLine,
                        "a quoted value opened on this line is never closed (a \" is missing)"
                    )
                }
                if !consumed { return false }
                endCell()
                return true
            }
            if skipLineFeed {
                skipLineFeed = false
                if byte == 0x0A { continue }
            }
            consumed = true
            switch state {
            case .cellStart:
                switch byte {
                case UInt8(ascii: "\""):
                    state = .quoted
                    quoteLine = line
                case UInt8(ascii: ","): endCell()
                case 0x0A, 0x0D: return endRecord(byte)
                default:
                    state = .unquoted
                    append(byte)
                }
            case .unquoted:
                switch byte {
                case UInt8(ascii: ","):
                    endCell()
                    state = .cellStart
                case 0x0A, 0x0D: return endRecord(byte)
                case UInt8(ascii: "\""):
                    note("column \(cells.count + 1) has a \" inside an unquoted value; quote the whole value")
                    append(byte)
                default: append(byte)
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    if byte == 0x0A { line += 1 }
                    append(byte)
                }
            case .quoteInQuoted:
                switch byte {
                case UInt8(ascii: "\""):
                    append(byte)
                    state = .quoted
                case UInt8(ascii: ","):
                    endCell()
                    state = .cellStart
                case 0x0A, 0x0D: return endRecord(byte)
                default:
                    note("column \(cells.count + 1) has text after its closing quote")
                    append(byte)
                    state = .unquoted
                }
            }
        }
    }

    private func endRecord(_ byte: UInt8) -> Bool {
        line += 1
        skipLineFeed = byte == 0x0D
        endCell()
        return true
    }

    private func append(_ byte: UInt8) {
        recordBytes += 1
        if recordBytes <= maximumBytes {
            cell.append(byte)
        } else if recordBytes == maximumBytes + 1 {
            note(oversized(maximumBytes))
        }
    }

    private func endCell() {
        if let text = String(validating: cell, as: UTF8.self) {
            cells.append(text)
        } else {
            note("column \(cells.count + 1) is not UTF-8 text; save the file as UTF-8")
            cells.append(String(decoding: cell, as: UTF8.self))
        }
        cell.removeAll(keepingCapacity: true)
    }

    /// Keeps the first problem of a record.
    private func note(_ text: String) {
        if problem == nil { problem = text }
    }

    private func nextByte() throws(ImportFileError) -> UInt8? {
        if position == chunk.count {
            chunk = try file.nextChunk()
            position = 0
            if chunk.isEmpty { return nil }
        }
        let byte = chunk[position]
        position += 1
        return byte
    }
}
