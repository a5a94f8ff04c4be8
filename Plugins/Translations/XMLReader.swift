/// Reads an XML 1.0 document in UTF-8 into ``XMLNode``s, refusing any that is not
/// well-formed.
///
/// It reads what translation files hold, and nothing they do not: a document type
/// declaration is refused, so no entity is expanded but the five predefined ones and
/// character references, and no file is fetched. Namespaces are not resolved: an element
/// is known by its local name, which is all a reader of XLIFF asks.
///
/// It works on the UTF-8 bytes: markup is ASCII, which no byte of a longer character can
/// be, so text is copied in runs between markup.
///
/// ```swift
/// let root = try XMLReader.root(of: data)   // XMLNode, or XMLReadError with line and column
/// ```
struct XMLReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The root element of the document `data`.
    /// - Throws: ``XMLReadError`` for the first fault, with its line and column.
    static func root(of data: some Collection<UInt8>) throws -> XMLNode {
        guard var text = String(validating: data, as: UTF8.self) else {
            throw XMLReadError(position: nil, message: "the file is not UTF-8 text")
        }
        return try text.withUTF8 { bytes in
            var reader = XMLReader(bytes: bytes)
            return try reader.document()
        }
    }

    // MARK: Document

    private mutating func document() throws -> XMLNode {
        if starts(with: "\u{FEFF}") { index += 3 }
        if starts(with: "<?xml"), index + 5 < bytes.count, Self.isSpace(bytes[index + 5]) { try declaration() }
        try skipMisc()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else {
            throw fault(
                index < bytes.count ? "text may not appear outside the root element" : "the document holds no element"
            )
        }
        let root = try element()
        try skipMisc()
        guard index == bytes.count else {
            throw fault("only comments and white space may follow the root element")
        }
        return root
    }

    /// `<?xml version="1.0" encoding="UTF-8"?>`: only UTF-8 (or its ASCII subset) is read.
    private mutating func declaration() throws {
        let start = index
        let body = try skip(past: "?>", what: "the XML declaration")
        let text = String(decoding: bytes[start..<body], as: UTF8.self)
        guard let range = text.firstRange(of: "encoding") else { return }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
        let encoding = rest.prefix { $0 != "\"" && $0 != "'" }.lowercased()
        guard ["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding) else {
            index = start
            throw fault("the file says it is in \(encoding); only UTF-8 files are read")
        }
    }

    /// Skips white space, comments and processing instructions outside the root element.
    private mutating func skipMisc() throws {
        while true {
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<!") {
                throw fault("document type declarations are not read")
            } else if starts(with: "<?") {
                try processingInstruction()
            } else {
                return
            }
        }
    }

    // MARK: Elements

    /// The element starting here, with everything inside it (read without recursion, so
    /// nesting depth costs no stack).
    private mutating func element() throws -> XMLNode {
        var open: [(name: String, node: XMLNode)] = []
        var text: [UInt8] = []
        let (name, root, empty) = try startTag()
        if empty { return root }
        open.append((name, root))
        while true {
            guard index < bytes.count else { throw fault("the document ends inside <\(open[open.count - 1].name)>") }
            let byte = bytes[index]
            if byte != UInt8(ascii: "<") {
                try readText(into: &text)
                continue
            }
            if !text.isEmpty {
                open[open.count - 1].node.content.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll(keepingCapacity: true)
            }
            if starts(with: "</") {
                let start = index
                index += 2
                let closing = try self.name()
                while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
                try expect(">", after: "</\(closing)")
                let (name, node) = open.removeLast()
                guard closing == name else {
                    index = start
                    throw fault("</\(closing)> does not close <\(name)>")
                }
                guard !open.isEmpty else { return node }
                open[open.count - 1].node.content.append(.element(node))
            } else if starts(with: "<!--") {
                try comment()
            } else if starts(with: "<![CDATA[") {
                index += 9
                let start = index
                let end = try skip(past: "]]>", what: "a CDATA section")
                Self.appendNormalizingLineEnds(bytes[start..<end], to: &text)
            } else if starts(with: "<!") {
                throw fault("declarations may not appear inside elements")
            } else if starts(with: "<?") {
                try processingInstruction()
            } else {
                let (name, child, empty) = try startTag()
                if empty {
                    open[open.count - 1].node.content.append(.element(child))
                } else {
                    open.append((name, child))
                }
            }
        }
    }

    /// A start tag (or an empty element's tag): its qualified name, the element without
    /// content, and whether it is empty (`<cp hex="9"/>`).
    private mutating func startTag() throws -> (String, XMLNode, Bool) {
        index += 1
        let nameStart = index
        let name = try self.name()
        // The local name, after the prefix's colon (found in the bytes: names are short).
        let local =
            bytes[nameStart..<index].lastIndex(of: UInt8(ascii: ":"))
            .map { String(decoding: bytes[($0 + 1)..<index], as: UTF8.self) } ?? name
        var attributes: [(name: String, value: String)] = []
        // Every attribute's name, namespace declarations too (a tag has few: a list is quicker
        // than a set).
        var seen: [String] = []
        while true {
            let spaced = index < bytes.count && Self.isSpace(bytes[index])
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { throw fault("the document ends inside the tag <\(name)>") }
            if bytes[index] == UInt8(ascii: ">") || starts(with: "/>") {
                let empty = bytes[index] == UInt8(ascii: "/")
                index += empty ? 2 : 1
                return (name, XMLNode(name: local, attributes: attributes, content: []), empty)
            }
            guard spaced else { throw fault("white space must come before each attribute of <\(name)>") }
            let start = index
            let attribute = try self.name()
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            try expect("=", after: "the attribute \(attribute)")
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            let value = try attributeValue()
            guard !seen.contains(attribute) else {
                index = start
                throw fault("<\(name)> has the attribute \(attribute) twice")
            }
            seen.append(attribute)
            if attribute != "xmlns" && !attribute.hasPrefix("xmlns:") {
                attributes.append((attribute, value))
            }
        }
    }

    /// A quoted attribute value, references resolved and each white space character (a
    /// line end counting as one) made a space.
    private mutating func attributeValue() throws -> String {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
            throw fault("an attribute value must be quoted")
        }
        let quote = bytes[index]
        index += 1
        var value: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fault("the document ends inside an attribute value") }
            let byte = bytes[index]
            switch byte {
            case quote:
                index += 1
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "<"):
                throw fault("'<' may not appear in an attribute value (write &lt;)")
            case UInt8(ascii: "&"):
                try reference(into: &value)
            case UInt8(ascii: "\r"):
                index += starts(with: "\r\n") ? 2 : 1
                value.append(UInt8(ascii: " "))
            case UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                index += 1
                value.append(UInt8(ascii: " "))
            default:
                try checkCharacter(byte)
                value.append(byte)
                index += 1
            }
        }
    }

    // MARK: Text

    /// Text up to the next markup, appended to `text` with references resolved and line
    /// ends made `\n`.
    private mutating func readText(into text: inout [UInt8]) throws {
        let start = index
        while index < bytes.count, !Self.mayNeedCare(bytes[index]) { index += 1 }
        text.append(contentsOf: bytes[start..<index])
        guard index < bytes.count else { return }
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "<"):
            return
        case UInt8(ascii: "&"):
            try reference(into: &text)
        case UInt8(ascii: "\r"):
            index += starts(with: "\r\n") ? 2 : 1
            text.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "]") where starts(with: "]]>"):
            throw fault("']]>' may not appear in text")
        default:
            try checkCharacter(byte)
            text.append(byte)
            index += 1
        }
    }

    /// Whether `byte` is markup, a line end or a byte the text must be checked at: a
    /// control character, or the first byte of U+FFFE or U+FFFF.
    private static func mayNeedCare(_ byte: UInt8) -> Bool {
        if byte > UInt8(ascii: "]") { return byte == 0xEF }
        return byte < 0x20 || byte == UInt8(ascii: "<") || byte == UInt8(ascii: "&") || byte == UInt8(ascii: "]")
    }

    /// Refuses the characters XML 1.0 cannot hold: control characters but tab and line
    /// ends, and U+FFFE and U+FFFF (their UTF-8 bytes starting at `byte`).
    private func checkCharacter(_ byte: UInt8) throws {
        if byte < 0x20 && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r") {
            throw fault(
                "the control character U+00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16, uppercase: true)) may not appear in XML"
            )
        }
        if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] & 0xFE == 0xBE {
            throw fault("the character U+FFF\(bytes[index + 2] == 0xBE ? "E" : "F") may not appear in XML")
        }
    }

    /// A character or entity reference (`&#233;`, `&#xE9;`, `&amp;`), appended as UTF-8.
    private mutating func reference(into text: inout [UInt8]) throws {
        let start = index
        index += 1
        let nameStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: ";"), index - nameStart < 12 { index += 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ";") else {
            index = start
            throw fault("'&' must start a reference such as &amp;")
        }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        index += 1
        let scalar: Unicode.Scalar?
        switch name {
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "amp": scalar = "&"
        case "apos": scalar = "'"
        case "quot": scalar = "\""
        default:
            let number: UInt32?
            if name.hasPrefix("#x") {
                number = UInt32(name.dropFirst(2), radix: 16)
            } else if name.hasPrefix("#") {
                number = UInt32(name.dropFirst(), radix: 10)
            } else {
                index = start
                throw fault("&\(name); is not an entity XML defines (only &lt; &gt; &amp; &apos; &quot; are read)")
            }
            scalar = number.flatMap(Self.xmlCharacter)
        }
        guard let scalar else {
            index = start
            throw fault("&\(name); is not a character XML may hold")
        }
        text.append(contentsOf: String(scalar).utf8)
    }

    /// The scalar `value` stands for, if XML 1.0 may hold it.
    private static func xmlCharacter(_ value: UInt32) -> Unicode.Scalar? {
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: Unicode.Scalar(value)
        default: nil
        }
    }

    /// Appends `run` with each `\r\n` or lone `\r` made `\n`, as XML reads line ends.
    private static func appendNormalizingLineEnds(_ run: Slice<UnsafeBufferPointer<UInt8>>, to text: inout [UInt8]) {
        var previous: UInt8 = 0
        for byte in run {
            if byte == UInt8(ascii: "\r") {
                text.append(UInt8(ascii: "\n"))
            } else if !(byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r")) {
                text.append(byte)
            }
            previous = byte
        }
    }

    // MARK: Other markup

    private mutating func comment() throws {
        index += 4
        while true {
            guard index + 1 < bytes.count else { throw fault("the document ends inside a comment") }
            if bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == UInt8(ascii: "-") {
                guard index + 2 < bytes.count, bytes[index + 2] == UInt8(ascii: ">") else {
                    throw fault("'--' may not appear inside a comment")
                }
                index += 3
                return
            }
            index += 1
        }
    }

    private mutating func processingInstruction() throws {
        index += 2
        let target = try name()
        guard target.lowercased() != "xml" else {
            throw fault("the XML declaration may only open the document")
        }
        _ = try skip(past: "?>", what: "a processing instruction")
    }

    /// A name (`xliff`, `mda:meta`, `xml:space`): letters, digits, `_ - . :` and any
    /// character beyond ASCII, not starting with a digit, `-` or `.`.
    private mutating func name() throws -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let first = letter || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte >= 0x80
            let later =
                byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".")
            guard first || (later && index > start) else { break }
            index += 1
        }
        guard index > start else { throw fault("a name was expected here") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    // MARK: Scanning

    private func starts(with literal: StaticString) -> Bool {
        literal.withUTF8Buffer { expected in
            index + expected.count <= bytes.count
                && expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
        }
    }

    private mutating func expect(_ literal: StaticString, after what: String) throws {
        guard starts(with: literal) else { throw fault("'\(literal)' was expected after \(what)") }
        index += literal.withUTF8Buffer(\.count)
    }

    /// Moves past the next `end`; returns where it started.
    private mutating func skip(past end: StaticString, what: String) throws -> Int {
        while index < bytes.count {
            if starts(with: end) {
                let found = index
                index += end.withUTF8Buffer(\.count)
                return found
            }
            index += 1
        }
        throw fault("the document ends inside \(what)")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t")
            || byte == UInt8(ascii: "\r")
    }

    /// An error at the current position, counted in lines and characters.
    private func fault(_ message: String) -> XMLReadError {
        let end = min(index, bytes.count)
        var line = 1
        var lineStart = 0
        for offset in 0..<end where bytes[offset] == UInt8(ascii: "\n") {
            line += 1
            lineStart = offset + 1
        }
        // A character is a byte that does not continue a longer one.
        let column = bytes[lineStart..<end].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return XMLReadError(position: (line, column), message: message)
    }
}
