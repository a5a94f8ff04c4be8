internal import CLibPQ

/// Sends the rows of a `COPY ... FROM STDIN` in PostgreSQL's text format, in large chunks.
///
/// Obtained from ``Connection/copyFrom(_:_:)``, valid only inside its closure.
///
/// ```swift
/// try connection.copyFrom("copy items (title, fields) from stdin") { writer in
///     for item in items { try writer.writeRow([item.title, item.fieldsJSON]) }
/// }
/// ```
public struct CopyWriter: ~Copyable {
    private let handle: OpaquePointer
    private var buffer: [UInt8] = []
    private let chunkSize: Int
    /// The bytes sent or buffered so far.
    public private(set) var byteCount = 0
    /// The rows written so far.
    public private(set) var rowCount = 0

    init(handle: OpaquePointer, chunkSize: Int = 64 * 1024) {
        self.handle = handle
        self.chunkSize = chunkSize
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// Writes one row of text-format fields; `nil` is NULL. Tabs, newlines, carriage returns
    /// and backslashes inside fields are escaped.
    /// - Throws: an encoding error for a field holding a NUL character.
    public mutating func writeRow(_ fields: [String?]) throws {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard var field else {
                buffer.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                continue
            }
            let nulAt = field.withUTF8 { append(escaping: $0) }
            if nulAt {
                throw PostgresError(
                    code: .encoding,
                    message: "row \(rowCount + 1), field \(index + 1): text containing a NUL character"
                )
            }
        }
        buffer.append(UInt8(ascii: "\n"))
        rowCount += 1
        if buffer.count >= chunkSize { try flush() }
    }

    /// Appends `bytes` with COPY's escapes, copying the runs between special bytes whole.
    /// - Returns: whether a NUL byte stopped it.
    private mutating func append(escaping bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            // Only control bytes and the backslash need escapes.
            guard byte < 0x20 || byte == UInt8(ascii: "\\") else { continue }
            let escape: UInt8
            switch byte {
            case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
            case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
            case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
            case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
            case 0: return true
            default: continue
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(escape)
            runStart = index + 1
        }
        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        return false
    }

    /// Writes one row of values, each in PostgreSQL's text format.
    public mutating func writeRow(_ values: [any PostgresEncodable]) throws {
        try writeRow(values.map { try $0.postgresText() })
    }

    /// Writes raw bytes in whatever format the COPY statement named.
    public mutating func write(bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Sends what is buffered.
    mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        let sent = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard sent == 1 else {
            throw PostgresError(code: .copy, message: "the server stopped accepting COPY data")
        }
        byteCount += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
