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
        var text = text
        return try text.withUTF8 { try decode(postgresBytes: UnsafeRawBufferPointer($0), type: type) }
    }

    /// Reads the elements from the bytes libpq holds, each made once (no string of the
    /// whole array first).
    public static func decode(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> [Element] {
        let elementType: PostgresType
        switch type {
        case .textArray, .varcharArray: elementType = .text
        case .int2Array: elementType = .int2
        case .int4Array: elementType = .int4
        case .int8Array: elementType = .int8
        case .uuidArray: elementType = .uuid
        default: throw typeMismatch(type)
        }
        var items: [Element] = []
        let wellFormed = try ArrayLiteral.forEachElement(in: bytes) { item in
            items.append(
                try item.map { try Element.decode(postgresBytes: $0, type: elementType) } ?? Element.decodeNull()
            )
        }
        guard wellFormed else { throw malformed(type) }
        return items
    }
}

/// Parses PostgreSQL's text form of a one-dimensional array.
///
/// It reads UTF-8 bytes, not characters: the quotes, commas, braces and backslashes that
/// structure the text are ASCII, which no byte of a longer character can be, so elements
/// are passed on as slices of the input (copied only when they hold escapes).
enum ArrayLiteral {
    /// Calls `element` with the bytes of each element of `{a,"b c",NULL}` in order (`nil`
    /// for NULL); valid only during the call.
    /// - Returns: false for malformed or multi-dimensional input.
    static func forEachElement(
        in bytes: UnsafeRawBufferPointer,
        _ element: (UnsafeRawBufferPointer?) throws -> Void
    ) rethrows -> Bool {
        var index = 0
        var end = bytes.count
        if bytes.first == UInt8(ascii: "["), let equals = bytes.firstIndex(of: UInt8(ascii: "=")) {
            index = equals + 1  // skip explicit bounds such as [0:2]=
        }
        guard end - index >= 2, bytes[index] == UInt8(ascii: "{"), bytes[end - 1] == UInt8(ascii: "}") else {
            return false
        }
        index += 1
        end -= 1
        if index == end { return true }
        var unescaped: [UInt8] = []
        while true {
            if index < end, bytes[index] == UInt8(ascii: "\"") {
                index += 1
                var start = index
                var escaped = false
                while true {
                    guard index < end else { return false }
                    let byte = bytes[index]
                    if byte == UInt8(ascii: "\"") { break }
                    if byte == UInt8(ascii: "\\") {
                        if !escaped { unescaped.removeAll(keepingCapacity: true) }
                        escaped = true
                        unescaped.append(contentsOf: bytes[start..<index])
                        index += 1
                        guard index < end else { return false }
                        start = index  // the escaped byte opens the next run
                    }
                    index += 1
                }
                if escaped {
                    unescaped.append(contentsOf: bytes[start..<index])
                    try unescaped.withUnsafeBytes { try element($0) }
                } else {
                    try element(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                }
                index += 1  // the closing quote
            } else {
                let start = index
                while index < end, bytes[index] != UInt8(ascii: ",") {
                    if bytes[index] == UInt8(ascii: "{") { return false }
                    index += 1
                }
                let item = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                try element(item.elementsEqual("NULL".utf8) ? nil : item)
            }
            if index == end { return true }
            guard bytes[index] == UInt8(ascii: ",") else { return false }
            index += 1
        }
    }
}
