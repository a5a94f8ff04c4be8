#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

extension String: PostgresEncodable, PostgresDecodable {
    public static var postgresType: PostgresType { .text }

    /// - Throws: an encoding error for text holding a NUL character, which PostgreSQL cannot
    ///   store; the value is refused rather than cut short.
    public func postgresText() throws -> String? {
        try checkedForNUL()
    }

    /// Reads any column as its text form, as psql shows it.
    public static func decode(postgresText text: String, type: PostgresType) throws -> String {
        text
    }

    /// Returns `self` when it holds no NUL character.
    func checkedForNUL() throws -> String {
        // memchr on the string's own bytes where they are contiguous (native strings are):
        // a byte at a time through the view costs milliseconds on a batch's megabytes.
        let hasNUL =
            utf8.withContiguousStorageIfAvailable { bytes in
                bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil } ?? false
            } ?? utf8.contains(0)
        if hasNUL {
            throw PostgresError(
                code: .encoding,
                message: "text containing a NUL character cannot be stored in PostgreSQL"
            )
        }
        return self
    }
}
