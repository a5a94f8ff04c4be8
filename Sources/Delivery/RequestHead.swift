internal import NIOCore

/// The head of an HTTP/1 request as its raw bytes carry it, read far enough to tell whether
/// a kept answer may be sent for it: the request line, and the few fields that change the
/// answer or the connection. Positions are offsets from the start of the bytes read.
///
/// It reads a strict subset of HTTP/1.1 (RFC 9112): one space between the parts of the
/// request line, `CRLF` line ends, field names made of token characters followed at once by
/// a colon, values without control characters but tab, no folded lines. Whatever falls
/// outside it (``Reading/unclear``) is left to NIO's parser, which decides.
struct RequestHead: Equatable {
    /// Bytes of the head, its last empty line included.
    var length: Int
    /// The method's bytes.
    var method: Range<Int>
    /// The request target's bytes.
    var target: Range<Int>
    /// Whether the version is `HTTP/1.1` (else `HTTP/1.0`).
    var isHTTP11: Bool
    /// The value of `If-None-Match`, trimmed, when sent once.
    var ifNoneMatch: Range<Int>?
    /// The value of `Accept-Language`, trimmed, when sent once.
    var acceptLanguage: Range<Int>?
    /// Whether the request keeps the connection open without asking anything else of it
    /// (no `Connection` field, or one saying `keep-alive`), sends no `Expect` or `Upgrade`,
    /// and repeats none of the fields above: only then may a kept answer be sent.
    var isPlain: Bool

    /// What the start of a stream of request bytes holds.
    enum Reading: Equatable {
        /// A whole head, with no body after it (neither `Content-Length` nor
        /// `Transfer-Encoding`): the next request starts right after it.
        case head(RequestHead)
        /// The start of a head in the strict subset, to be completed by later bytes.
        case incomplete
        /// Bytes outside the strict subset, or a request with a body: where the next
        /// request starts is for NIO's parser to find.
        case unclear
    }

    /// The most bytes a head may take here (NIO's parser takes longer ones).
    static let maximumLength = 16 * 1024

    /// Reads the head at the start of `bytes`.
    static func read(_ bytes: UnsafeRawBufferPointer) -> Reading {
        var reader = Reader(bytes: bytes)
        return reader.read()
    }

    /// Reads the head at the start of `buffer`'s readable bytes.
    static func read(_ buffer: ByteBuffer) -> Reading {
        buffer.withUnsafeReadableBytes { read($0) }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        private static let cr = UInt8(ascii: "\r")
        private static let lf = UInt8(ascii: "\n")
        private static let space = UInt8(ascii: " ")
        private static let tab = UInt8(ascii: "\t")

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        /// `.incomplete` when the bytes end before the head does, `.unclear` past the limit.
        private var end: Reading {
            bytes.count >= RequestHead.maximumLength ? .unclear : .incomplete
        }

        mutating func read() -> Reading {
            // Request line: method SP target SP version CRLF.
            let method = token()
            guard !method.isEmpty else { return position == bytes.count ? end : .unclear }
            guard position < bytes.count else { return end }
            guard bytes[position] == Self.space else { return .unclear }
            position += 1
            let targetStart = position
            while position < bytes.count, (0x21...0x7E).contains(bytes[position]) { position += 1 }
            let target = targetStart..<position
            guard position < bytes.count else { return end }
            guard !target.isEmpty, bytes[position] == Self.space else { return .unclear }
            position += 1
            let version: StaticString = "HTTP/1."
            for offset in 0..<version.utf8CodeUnitCount {
                guard position < bytes.count else { return end }
                guard bytes[position] == version.utf8Start[offset] else { return .unclear }
                position += 1
            }
            guard position < bytes.count else { return end }
            guard bytes[position] == UInt8(ascii: "1") || bytes[position] == UInt8(ascii: "0") else { return .unclear }
            var head = RequestHead(
                length: 0,
                method: method,
                target: target,
                isHTTP11: bytes[position] == UInt8(ascii: "1"),
                isPlain: true
            )
            position += 1
            if let broken = lineEnd() { return broken }
            var seen: UInt8 = 0
            // Fields, up to the empty line.
            while true {
                guard position < bytes.count else { return end }
                if bytes[position] == Self.cr {
                    if let broken = lineEnd() { return broken }
                    head.length = position
                    return .head(head)
                }
                let name = token()
                guard position < bytes.count else { return end }
                guard !name.isEmpty, bytes[position] == UInt8(ascii: ":") else { return .unclear }
                position += 1
                let valueStart = position
                while position < bytes.count, bytes[position] != Self.cr {
                    let byte = bytes[position]
                    guard byte >= 0x20 && byte != 0x7F || byte == Self.tab else { return .unclear }
                    position += 1
                }
                let value = trimmed(valueStart..<position)
                if let broken = lineEnd() { return broken }
                guard let field = Field(bytes, name) else { continue }
                if seen & field.bit != 0 { head.isPlain = false }
                seen |= field.bit
                switch field {
                case .contentLength, .transferEncoding: return .unclear
                case .expect, .upgrade: head.isPlain = false
                case .connection: head.isPlain = head.isPlain && equalsIgnoringCase(value, "keep-alive")
                case .ifNoneMatch: head.ifNoneMatch = value
                case .acceptLanguage: head.acceptLanguage = value
                }
            }
        }

        /// Reads `CRLF`: `nil` when there, else what the bytes are.
        private mutating func lineEnd() -> Reading? {
            guard position < bytes.count else { return end }
            guard bytes[position] == Self.cr else { return .unclear }
            guard position + 1 < bytes.count else { return end }
            guard bytes[position + 1] == Self.lf else { return .unclear }
            position += 2
            return nil
        }

        /// Reads token characters (RFC 9110 `tchar`).
        private mutating func token() -> Range<Int> {
            let start = position
            while position < bytes.count, Self.isTokenCharacter(bytes[position]) { position += 1 }
            return start..<position
        }

        private func trimmed(_ range: Range<Int>) -> Range<Int> {
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, bytes[lower] == Self.space || bytes[lower] == Self.tab { lower += 1 }
            while upper > lower, bytes[upper - 1] == Self.space || bytes[upper - 1] == Self.tab { upper -= 1 }
            return lower..<upper
        }

        private func equalsIgnoringCase(_ range: Range<Int>, _ text: StaticString) -> Bool {
            guard range.count == text.utf8CodeUnitCount else { return false }
            for offset in 0..<range.count where bytes[range.lowerBound + offset] | 0x20 != text.utf8Start[offset] {
                return false
            }
            return true
        }

        private static func isTokenCharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
                UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
                true
            default: false
            }
        }
    }

    /// The fields read.
    private enum Field: Int, CaseIterable {
        case ifNoneMatch, acceptLanguage, connection, contentLength, transferEncoding, expect, upgrade

        /// Its bit in a set of fields seen.
        var bit: UInt8 { 1 << rawValue }

        var name: StaticString {
            switch self {
            case .ifNoneMatch: "if-none-match"
            case .acceptLanguage: "accept-language"
            case .connection: "connection"
            case .contentLength: "content-length"
            case .transferEncoding: "transfer-encoding"
            case .expect: "expect"
            case .upgrade: "upgrade"
            }
        }

        /// The field `name` names in `bytes` (in any case), if one of these.
        init?(_ bytes: UnsafeRawBufferPointer, _ name: Range<Int>) {
            for field in Self.allCases where field.name.utf8CodeUnitCount == name.count {
                let expected = field.name.utf8Start
                var offset = 0
                while offset < name.count, bytes[name.lowerBound + offset] | 0x20 == expected[offset] { offset += 1 }
                if offset == name.count {
                    self = field
                    return
                }
            }
            return nil
        }
    }
}
