/// Writes indented XML text, escaping every attribute value and text node.
struct XMLWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func declaration() {
        text += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    }

    mutating func open(_ name: String, _ attributes: [(String, String)]) {
        text += indent + "<" + name + Self.attributes(attributes) + ">\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += indent + "</" + name + ">\n"
    }

    /// An element holding only text, on one line (its text kept exactly, newlines too).
    mutating func element(_ name: String, _ attributes: [(String, String)], text value: String) {
        text += indent + "<" + name + Self.attributes(attributes) + ">" + Self.escape(value) + "</" + name + ">\n"
    }

    private var indent: String { String(repeating: "  ", count: depth) }

    private static func attributes(_ pairs: [(String, String)]) -> String {
        pairs.map { " \($0.0)=\"\(escape($0.1, attribute: true))\"" }.joined()
    }

    /// `value` as XML text; characters XML 1.0 cannot hold become XLIFF `<cp>` elements.
    static func escape(_ value: String, attribute: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where attribute: result += "&quot;"
            case "\n" where attribute: result += "&#10;"
            case "\r": result += "&#13;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += attribute ? "" : "<cp hex=\"\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)\"/>"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
