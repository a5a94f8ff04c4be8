#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// JSON text for field values, written and read without `Codable`'s overhead: items are
/// stored as `jsonb` and this runs for every row read or written.
extension FieldValue {
    /// How deeply the parser reads nested lists and objects; deeper JSON is refused.
    public static let maximumJSONDepth = 64

    /// The value as compact JSON, object keys sorted.
    public var jsonText: String {
        // Written as bytes, made a string once: appending to a string checks every piece.
        var output: [UInt8] = []
        write(into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// An object of fields as compact JSON, keys sorted.
    public static func jsonText(of fields: [String: FieldValue]) -> String {
        FieldValue.object(fields).jsonText
    }

    /// Parses JSON text.
    /// - Throws: ``FieldValueJSONError`` naming the byte offset of the first problem.
    public static func parse(json text: String) throws -> FieldValue {
        var copy = text
        return try copy.withUTF8 { try parse(UnsafeRawBufferPointer($0), isValidUTF8: true) }
    }

    /// Parses JSON held as UTF-8 bytes (a database driver's buffer), without copying them
    /// into a string first. Invalid UTF-8 is repaired (each bad sequence becomes U+FFFD).
    public static func parse(jsonBytes bytes: UnsafeRawBufferPointer) throws -> FieldValue {
        try parse(bytes, isValidUTF8: false)
    }

    /// Parses a JSON object into fields.
    public static func parseFields(json text: String) throws -> [String: FieldValue] {
        var copy = text
        return try copy.withUTF8 { try fields(of: parse(UnsafeRawBufferPointer($0), isValidUTF8: true)) }
    }

    /// Parses a JSON object held as UTF-8 bytes into fields (invalid UTF-8 is repaired).
    public static func parseFields(jsonBytes bytes: UnsafeRawBufferPointer) throws -> [String: FieldValue] {
        try fields(of: parse(bytes, isValidUTF8: false))
    }

    /// Parses a JSON object into fields from bytes the caller knows to be valid UTF-8, such
    /// as PostgreSQL's output from a UTF8 database: its strings are made without checking
    /// the bytes again (a third of the parsing time of long text). Bytes that are not valid
    /// UTF-8 break the strings' invariants, so anything else goes to
    /// ``parseFields(jsonBytes:)``.
    public static func parseFields(validUTF8JSON bytes: UnsafeRawBufferPointer) throws -> [String: FieldValue] {
        try fields(of: parse(bytes, isValidUTF8: true))
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, isValidUTF8: Bool) throws -> FieldValue {
        var parser = JSONParser(bytes: bytes.bindMemory(to: UInt8.self), isValidUTF8: isValidUTF8)
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("text after the JSON value") }
        return value
    }

    private static func fields(of value: FieldValue) throws -> [String: FieldValue] {
        guard case .object(let fields) = value else {
            throw FieldValueJSONError(offset: 0, message: "expected a JSON object")
        }
        return fields
    }

    private func write(into output: inout [UInt8]) {
        switch self {
        case .text(let text): Self.writeString(text, into: &output)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .boolean(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .list(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.write(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, entry) in object.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                entry.value.write(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var copy = text
        copy.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                // Eight bytes at a time while none needs escaping (text is mostly plain).
                if index + 8 <= bytes.count,
                    !Self.needsEscape(UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<(index - 1)]))
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
                case 0x0a: output.append(contentsOf: #"\n"#.utf8)
                case 0x0d: output.append(contentsOf: #"\r"#.utf8)
                case 0x09: output.append(contentsOf: #"\t"#.utf8)
                default:
                    output.append(
                        contentsOf: (#"\u00"# + String(byte >> 4, radix: 16) + String(byte & 0xf, radix: 16)).utf8
                    )
                }
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes of `word` is a control character, `"` or `\\`: a byte
    /// below 0x20 borrows through its high bit when 0x20 is taken from it (bytes from 0x80 up
    /// have that bit set already and are left out), and a byte equal to the quote or the
    /// backslash is zero once XORed with it.
    private static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below = (word &- ones &* 0x20) & ~word & highs != 0
        return below || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }
}

/// JSON text that could not be read as field values.
public struct FieldValueJSONError: Error, Sendable, CustomStringConvertible {
    /// The byte offset of the problem.
    public let offset: Int
    /// What was expected.
    public let message: String

    /// An error at byte `offset`, expecting what `message` says.
    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "invalid JSON at byte \(offset): \(message)" }
}

/// A recursive-descent JSON reader over UTF-8 bytes.
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the bytes are known to be valid UTF-8, so strings need no checking.
    let isValidUTF8: Bool
    var position = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, isValidUTF8: Bool) {
        self.bytes = bytes
        self.isValidUTF8 = isValidUTF8
    }

    func error(_ message: String) -> FieldValueJSONError {
        FieldValueJSONError(offset: position, message: message)
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0a, 0x0d, 0x09: position += 1
            default: return
            }
        }
    }

    mutating func value() throws -> FieldValue {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try list()
        case UInt8(ascii: "\""): return .text(try string())
        case UInt8(ascii: "t"): return try literal("true", .boolean(true))
        case UInt8(ascii: "f"): return try literal("false", .boolean(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try number()
        }
    }

    private mutating func literal(_ word: String, _ value: FieldValue) throws -> FieldValue {
        for byte in word.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw error("expected \(word)") }
            position += 1
        }
        return value
    }

    private mutating func number() throws -> FieldValue {
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count, (48...57).contains(bytes[position]) { position += 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let number = Int(text) else { throw error("expected a value (fields hold whole numbers only)") }
        return .integer(number)
    }

    private mutating func object() throws -> FieldValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var object: [String: FieldValue] = [:]
        object.reserveCapacity(16)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected :") }
            position += 1
            object[key] = try value()
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(object)
            } else {
                throw error("expected , or }")
            }
        }
    }

    private mutating func list() throws -> FieldValue {
        try enter()
        defer { depth -= 1 }
        position += 1
        var items: [FieldValue] = []
        // Room for a field's usual few values, so short lists never grow.
        items.reserveCapacity(4)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .list(items)
        }
        while true {
            items.append(try value())
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .list(items)
            } else {
                throw error("expected , or ]")
            }
        }
    }

    private mutating func enter() throws {
        depth += 1
        if depth > FieldValue.maximumJSONDepth { throw error("nested too deeply") }
    }

    private mutating func string() throws -> String {
        position += 1
        // Runs between escapes are found with memchr (vectorised) and copied whole: most
        // strings have no escapes and are read straight from the input; long text has a
        // few (its line breaks).
        let base = bytes.baseAddress!
        var result: [UInt8] = []
        var escaped = false
        while true {
            guard position < bytes.count,
                let found = memchr(base + position, Int32(UInt8(ascii: "\"")), bytes.count - position)
            else { throw error("unterminated string") }
            let quote = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            let escape = memchr(base + position, Int32(UInt8(ascii: "\\")), quote - position).map {
                UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base
            }
            let run = UnsafeBufferPointer(rebasing: bytes[position..<(escape ?? quote)])
            guard let escape else {
                position = quote + 1
                guard escaped else { return text(run) }
                result.append(contentsOf: run)
                return result.withUnsafeBufferPointer(text)
            }
            // The string runs at least to that quote: room for it at the first escape.
            if !escaped { result.reserveCapacity(quote - position + 16) }
            result.append(contentsOf: run)
            escaped = true
            position = escape + 1
            try unescape(into: &result)
        }
    }

    /// The string of `run`, which starts and ends between characters.
    ///
    /// A short ASCII run (a key, a vocabulary value) is made known to be ASCII: its string
    /// then hashes its bytes as they are, without the normalization check that took a tenth
    /// of a page's parsing, spent on the keys inserted into each object.
    private func text(_ run: UnsafeBufferPointer<UInt8>) -> String {
        guard isValidUTF8 else { return String(decoding: run, as: UTF8.self) }
        if run.count <= 32 {
            var bits: UInt8 = 0
            for byte in run { bits |= byte }
            if bits < 0x80 { return String(copying: UTF8Span(unchecked: run.span, isKnownASCII: true)) }
        }
        return String(copying: UTF8Span(unchecked: run.span))
    }

    /// Reads the escape after a backslash and appends what it stands for.
    private mutating func unescape(into result: inout [UInt8]) throws {
        guard position < bytes.count else { throw error("unterminated escape") }
        let escaped = bytes[position]
        position += 1
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
        case UInt8(ascii: "n"): result.append(0x0a)
        case UInt8(ascii: "r"): result.append(0x0d)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0c)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u")
                else { throw error("unpaired surrogate") }
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("unpaired surrogate") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error("invalid \\u escape") }
            result.append(contentsOf: String(Character(unicode)).utf8)
        default: throw error("invalid escape")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("short \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case 48...57: digit = UInt32(byte - 48)
            case 65...70: digit = UInt32(byte - 55)
            case 97...102: digit = UInt32(byte - 87)
            default: throw error("invalid hex digit")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
