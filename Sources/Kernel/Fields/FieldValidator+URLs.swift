internal import Foundation

extension FieldValidator {
    /// Whether `text` is an absolute http or https URL with a host name (one with a dot, or
    /// `localhost`).
    ///
    /// Most addresses are plain (``isPlainURL(_:)``) and are known valid from their bytes
    /// alone; the others are parsed by `URLComponents`, several times slower, which decides.
    static func isURL(_ text: String) -> Bool {
        isPlainURL(text) || isURLByComponents(text)
    }

    /// The full check: `URLComponents` parses `text`, which must hold no white space.
    static func isURLByComponents(_ text: String) -> Bool {
        guard !text.contains(where: \.isWhitespace), let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty, host.contains(".") || host == "localhost"
        else { return false }
        return true
    }

    /// Whether `text` is an http or https URL of the plainest form, which the full check
    /// accepts too: ASCII only, a host of letter, digit and hyphen labels joined by dots (or
    /// `localhost`), no user, an optional port up to 65535, then path, query and fragment of
    /// the characters RFC 3986 allows there, each `%` starting two hex digits. False says
    /// only that the full check must decide.
    static func isPlainURL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            /// Moves past `literal` (lowercase; its letters match either case) if it comes next.
            func skip(_ literal: StaticString) -> Bool {
                literal.withUTF8Buffer { expected in
                    guard index + expected.count <= bytes.count,
                        expected.indices.allSatisfy({ offset in
                            let byte = bytes[index + offset]
                            return byte == expected[offset] || (isAlphanumeric(byte) && byte | 0x20 == expected[offset])
                        })
                    else { return false }
                    index += expected.count
                    return true
                }
            }
            guard skip("http://") || skip("https://") else { return false }
            // The host: labels of letters, digits and hyphens, at least two, or localhost.
            let hostStart = index
            var labels = 0
            var labelLength = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: ".") {
                    guard labelLength > 0 else { return false }
                    labels += 1
                    labelLength = 0
                } else if isAlphanumeric(byte) || byte == UInt8(ascii: "-") {
                    labelLength += 1
                } else {
                    break
                }
                index += 1
            }
            guard labelLength > 0 else { return false }
            labels += 1
            let host = bytes[hostStart..<index]
            guard labels >= 2 || host.elementsEqual("localhost".utf8) else { return false }
            if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
                index += 1
                var port = 0
                let portStart = index
                while index < bytes.count, index - portStart < 5, let digit = digitValue(bytes[index]) {
                    port = port * 10 + digit
                    index += 1
                }
                guard index > portStart, port <= 65_535 else { return false }
            }
            guard index == bytes.count || "/?#".utf8.contains(bytes[index]) else { return false }
            // Path, query and fragment: one `#` at most, and it ends the query.
            var fragment = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "#") {
                    guard !fragment else { return false }
                    fragment = true
                } else if byte == UInt8(ascii: "%") {
                    guard index + 2 < bytes.count, isHexDigit(bytes[index + 1]), isHexDigit(bytes[index + 2]) else {
                        return false
                    }
                    index += 2
                } else if !(isAlphanumeric(byte) || "-._~!$&'()*+,;=:@/?".utf8.contains(byte)) {
                    return false
                }
                index += 1
            }
            return true
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        digitValue(byte) != nil || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    private static func digitValue(_ byte: UInt8) -> Int? {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? Int(byte - UInt8(ascii: "0")) : nil
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        digitValue(byte) != nil || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }
}
