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
        if utf8.contains(0) {
            throw PostgresError(
                code: .encoding,
                message: "text containing a NUL character cannot be stored in PostgreSQL"
            )
        }
        return self
    }
}
