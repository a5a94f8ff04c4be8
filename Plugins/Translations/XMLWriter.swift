/// Writes indented XML text, escaping every attribute value and text node.
struct XMLWriter {
    private var bytes: [UInt8] = []
    private var depth = 0

    /// The document written so far, as UTF-8.
    var data: [UInt8] { bytes }

    mutating func declaration() {
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
    }

    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        startTag(name, attributes)
        append(">\n")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        indent()
        append("</" + name + ">\n")
    }

    /// An element holding only text, on one line (its text kept exactly, newlines too).
    mutating func element(_ name: String, _ attributes: [(String, String)], text value: String) {
        startTag(name, attributes)
        append(">")
        escape(value, attribute: false)
        append("</" + name + ">\n")
    }

    private mutating func startTag(_ name: String, _ attributes: [(String, String)]) {
        indent()
        append("<" + name)
        for (key, value) in attributes {
            append(" " + key + "=\"")
            escape(value, attribute: true)
            append("\"")
        }
    }

    private mutating func indent() {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    private mutating func append(_ literal: String) {
        bytes.append(contentsOf: literal.utf8)
    }

    /// Appends `value` as XML text: markup characters become entities, and characters XML 1.0
    /// cannot hold (control characters, U+FFFE, U+FFFF) become XLIFF `<cp>` elements in text
    /// (and are dropped from attributes, which cannot hold them). Runs of bytes that need
    /// nothing are copied whole.
    private mutating func escape(_ value: String, attribute: Bool) {
        var value = value
        value.withUTF8 { utf8 in
            var run = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                guard Self.mayNeedEscaping(byte) else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index]))
                index += 1
                switch byte {
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case UInt8(ascii: "\"") where attribute: append("&quot;")
                case UInt8(ascii: "\n") where attribute: append("&#10;")
                case UInt8(ascii: "\r"): append("&#13;")
                case UInt8(ascii: "\t"), UInt8(ascii: "\n"): bytes.append(byte)
                case 0..<0x20: codePoint(UInt32(byte), attribute: attribute)
                case 0xEF where index + 1 < utf8.count && utf8[index] == 0xBF && (utf8[index + 1] & 0xFE) == 0xBE:
                    codePoint(0xFFFE | UInt32(utf8[index + 1] & 1), attribute: attribute)
                    index += 2
                default: bytes.append(byte)
                }
                run = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<utf8.count]))
        }
    }

    /// Whether `byte` may stand for something written otherwise: markup, a control
    /// character, or the first byte of U+FFFE or U+FFFF.
    private static func mayNeedEscaping(_ byte: UInt8) -> Bool {
        // Letters and most bytes of longer characters need nothing: one comparison for them.
        if byte > UInt8(ascii: ">") { return byte == 0xEF }
        return byte < 0x20 || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"")
    }

    private mutating func codePoint(_ value: UInt32, attribute: Bool) {
        guard !attribute else { return }
        let hex = String(value, radix: 16, uppercase: true)
        append("<cp hex=\"" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "\"/>")
    }
}
