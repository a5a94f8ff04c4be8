internal import NIOCore

/// Strong entity tags: a 64-bit FNV-1a hash of a representation's bytes (and its length),
/// so the same bytes always give the same tag, on every server and across restarts.
enum EntityTag {
    /// The quoted tag of `bytes`.
    static func of(_ bytes: some Sequence<UInt8>) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var count = 0
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            count += 1
        }
        return "\"" + hex(hash) + "-" + String(count, radix: 16) + "\""
    }

    /// Whether an `If-None-Match` field value matches `tag`: `*`, or one of its tags
    /// compared weakly (a `W/` prefix ignored), as RFC 9110 asks for GET and HEAD.
    static func matches(_ field: Substring, _ tag: String) -> Bool {
        // The usual case: a client sends back the one tag it holds, as it was sent.
        if field.utf8.elementsEqual(tag.utf8) { return true }
        let opaque = tag.utf8.dropFirst().dropLast()
        for candidate in field.split(separator: ",") {
            var text = candidate.trimmed
            if text == "*" { return true }
            if text.hasPrefix("W/") { text = text.dropFirst(2) }
            guard text.count >= 2, text.first == "\"", text.last == "\"" else { continue }
            if text.utf8.dropFirst().dropLast().elementsEqual(opaque) { return true }
        }
        return false
    }

    /// Whether an `If-None-Match` field value read from a request's bytes matches `tag`.
    static func matches(_ field: ByteBuffer, _ tag: String) -> Bool {
        field.readableBytesView.elementsEqual(tag.utf8) || matches(Substring(String(buffer: field)), tag)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
