public import struct Foundation.UUID

/// A type whose one-dimensional arrays can be sent and read (`text[]`, `integer[]`, ...).
public protocol PostgresArrayElement: PostgresCodable {
    /// The array type whose elements are `Self`.
    static var arrayType: PostgresType { get }
}

extension String: PostgresArrayElement {
    public static var arrayType: PostgresType { .textArray }
}

extension Int: PostgresArrayElement {
    public static var arrayType: PostgresType { .int8Array }
}

extension Int64: PostgresArrayElement {
    public static var arrayType: PostgresType { .int8Array }
}

extension Int32: PostgresArrayElement {
    public static var arrayType: PostgresType { .int4Array }
}

extension UUID: PostgresArrayElement {
    public static var arrayType: PostgresType { .uuidArray }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public static var postgresType: PostgresType { Element.arrayType }

    /// Sends an array literal with every element quoted, so commas, braces, quotes and
    /// backslashes inside elements survive. Written as UTF-8 bytes: the two escaped
    /// characters are ASCII, so they never occur inside a multi-byte sequence.
    public func postgresText() throws -> String? {
        let quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\")
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (index, element) in enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let value = try element.postgresText() else {
                bytes += "NULL".utf8
                continue
            }
            bytes.append(quote)
            for byte in value.utf8 {
                if byte == quote || byte == backslash { bytes.append(backslash) }
                bytes.append(byte)
            }
            bytes.append(quote)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public static func decode(postgresText text: String, type: PostgresType) throws -> [Element] {
        let elementType: PostgresType
        switch type {
        case .textArray, .varcharArray: elementType = .text
        case .int2Array: elementType = .int2
        case .int4Array: elementType = .int4
        case .int8Array: elementType = .int8
        case .uuidArray: elementType = .uuid
        default: throw typeMismatch(type)
        }
        guard let items = ArrayLiteral.parse(text) else { throw malformed(type) }
        return try items.map { item in
            guard let item else { return try Element.decodeNull() }
            return try Element.decode(postgresText: item, type: elementType)
        }
    }
}

/// Parses PostgreSQL's text form of a one-dimensional array.
enum ArrayLiteral {
    /// The elements of `{a,"b c",NULL}`, with `nil` for NULL; `nil` for malformed or
    /// multi-dimensional input.
    static func parse(_ text: String) -> [String?]? {
        var scalars = Array(text.unicodeScalars)[...]
        if let equals = scalars.firstIndex(of: "="), scalars.first == "[" {
            scalars = scalars[(equals + 1)...]  // skip explicit bounds such as [0:2]=
        }
        guard scalars.first == "{", scalars.last == "}" else { return nil }
        scalars = scalars.dropFirst().dropLast()
        var items: [String?] = []
        if scalars.isEmpty { return items }
        var index = scalars.startIndex
        while true {
            var item = String.UnicodeScalarView()
            var quoted = false
            if index < scalars.endIndex, scalars[index] == "\"" {
                quoted = true
                index += 1
                while true {
                    guard index < scalars.endIndex else { return nil }
                    let scalar = scalars[index]
                    index += 1
                    if scalar == "\"" { break }
                    if scalar == "\\" {
                        guard index < scalars.endIndex else { return nil }
                        item.append(scalars[index])
                        index += 1
                    } else {
                        item.append(scalar)
                    }
                }
            } else {
                while index < scalars.endIndex, scalars[index] != "," {
                    if scalars[index] == "{" { return nil }
                    item.append(scalars[index])
                    index += 1
                }
            }
            let value = String(item)
            items.append(!quoted && value == "NULL" ? nil : value)
            if index == scalars.endIndex { return items }
            guard scalars[index] == "," else { return nil }
            index += 1
        }
    }
}
