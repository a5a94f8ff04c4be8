internal import Kernel

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Checks the text PostgreSQL writes for a `jsonb` value of fields for what JSON allows but
/// ``FieldValue`` cannot hold, without parsing it: a top level that is not an object,
/// numbers that are not whole or do not fit an `Int`, nesting deeper than the parser reads.
///
/// The server writes only well-formed JSON for `jsonb`, so its syntax is not checked again:
/// strings are skipped with memchr, and what lies between them is a few bytes of
/// punctuation, keywords and numbers. Text that passes is parsed by
/// ``FieldValue/parseFields(validUTF8JSON:)`` without an error.
struct JSONBTextCheck {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    /// Checks `bytes`.
    /// - Throws: ``FieldValueJSONError`` naming the byte offset of the first problem.
    static func check(_ bytes: UnsafeRawBufferPointer) throws {
        var check = JSONBTextCheck(bytes: bytes.bindMemory(to: UInt8.self))
        try check.run()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private mutating func run() throws {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "{") else {
            throw error("expected a JSON object")
        }
        var depth = 0
        repeat {
            switch bytes[position] {
            case UInt8(ascii: "\""): try skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                guard depth <= FieldValue.maximumJSONDepth else { throw error("nested too deeply") }
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                position += 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try checkNumber()
            default: position += 1
            }
        } while depth > 0 && position < bytes.count
        skipWhitespace()
        guard depth == 0, position == bytes.count else { throw error("text after the JSON value") }
    }

    /// Moves past the string that starts at `position`: to the first quote not escaped by
    /// an odd run of backslashes.
    private mutating func skipString() throws {
        let base = bytes.baseAddress!
        var from = position + 1
        while true {
            guard from < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "\"")), bytes.count - from)
            else { throw error("unterminated string") }
            let quote = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            var backslashes = 0
            while quote - backslashes - 1 > position, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") {
                backslashes += 1
            }
            from = quote + 1
            if backslashes % 2 == 0 { break }
        }
        position = from
    }

    private mutating func checkNumber() throws {
        let start = position
        position += 1
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            position += 1
        }
        let whole =
            position == bytes.count
            || (bytes[position] != UInt8(ascii: ".") && bytes[position] | 0x20 != UInt8(ascii: "e"))
        // Up to 18 digits always fit an Int; longer ones are read to know.
        let digits = position - start - (bytes[start] == UInt8(ascii: "-") ? 1 : 0)
        guard whole, digits > 0,
            digits <= 18
                || Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)) != nil
        else {
            position = start
            throw error("expected a value (fields hold whole numbers only)")
        }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0a, 0x0d, 0x09: position += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> FieldValueJSONError {
        FieldValueJSONError(offset: position, message: message)
    }
}
