/// A Swift value that can be sent to PostgreSQL as a bound parameter.
///
/// Values travel in PostgreSQL's text format together with their type's OID, so the server
/// never has to guess and no value is ever spliced into SQL text.
///
/// ```swift
/// extension Slug: PostgresEncodable {
///     static var postgresType: PostgresType { .text }
///     func postgresText() throws -> String? { rawValue }
/// }
/// ```
public protocol PostgresEncodable: Sendable {
    /// The type the parameter is declared as.
    static var postgresType: PostgresType { get }

    /// The value in PostgreSQL's text format, or `nil` for SQL NULL.
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/encoding`` when the value
    ///   cannot be represented (for example text holding a NUL character).
    func postgresText() throws -> String?
}

/// A Swift type that can be read from a column of a query result.
///
/// ```swift
/// extension Slug: PostgresDecodable {
///     static func decode(postgresText text: String, type: PostgresType) throws -> Slug {
///         Slug(rawValue: text)
///     }
/// }
/// ```
public protocol PostgresDecodable {
    /// Decodes a non-NULL value from PostgreSQL's text format.
    /// - Parameters:
    ///   - text: the value as the server sent it.
    ///   - type: the column's type, so a decoder can refuse types it does not understand.
    /// - Throws: ``PostgresError`` with code ``PostgresError/Code/decoding``; the row adds the
    ///   column name.
    static func decode(postgresText text: String, type: PostgresType) throws -> Self

    /// Decodes a non-NULL value from its text format as the bytes libpq holds, valid only
    /// during the call. The default makes a string of them for
    /// ``decode(postgresText:type:)``; a type read from ASCII digits (a timestamp) can read
    /// the bytes without making one.
    static func decode(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Self

    /// The value to use for SQL NULL. Non-optional types throw ``PostgresError/Code/unexpectedNull``.
    static func decodeNull() throws -> Self
}

extension PostgresDecodable {
    public static func decode(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresType) throws -> Self {
        try decode(postgresText: String(decoding: bytes, as: UTF8.self), type: type)
    }

    public static func decodeNull() throws -> Self {
        throw PostgresError(code: .unexpectedNull, message: "the value is NULL but \(Self.self) was expected")
    }

    /// Throws a decoding error saying the column's type does not fit `Self`.
    static func typeMismatch(_ type: PostgresType) -> PostgresError {
        PostgresError(code: .decoding, message: "a \(type) value cannot be read as \(Self.self)")
    }

    /// Throws a decoding error saying the text is not a valid value of `Self`.
    static func malformed(_ type: PostgresType) -> PostgresError {
        PostgresError(code: .decoding, message: "the \(type) value is not a valid \(Self.self)")
    }
}

/// A type that can be both sent and read.
public typealias PostgresCodable = PostgresEncodable & PostgresDecodable
