internal import Synchronization

/// An item's fields as the JSON text the database sent, parsed into values the first time
/// they are read: a list page shown as a table of titles never builds its rows' fields.
///
/// The text is checked when it is read from the database (``init(jsonbText:)``), so errors
/// surface there as before and parsing it later cannot fail.
public final class StoredFields: Sendable {
    private let json: [UInt8]
    private let parsed = Mutex<[String: FieldValue]?>(nil)

    /// Copies and checks the text PostgreSQL wrote for a `jsonb` object of fields, in UTF-8
    /// (see ``FieldValue/parseFields(validUTF8JSON:)``). Its JSON syntax is trusted, not
    /// checked again; what the Kernel cannot hold in it is refused. Open to this package's
    /// modules only (the store), which pass nothing but a `jsonb` column's text.
    /// - Throws: ``FieldValueJSONError`` for a top level that is not an object, a number that
    ///   is not a whole `Int`, or nesting the parser does not read.
    package init(jsonbText bytes: UnsafeRawBufferPointer) throws {
        try JSONBTextCheck.check(bytes)
        json = Array(bytes)
    }

    /// The field values, parsed on the first call.
    public var values: [String: FieldValue] {
        parsed.withLock { parsed in
            if let parsed { return parsed }
            // The server wrote well-formed JSON, and what the parser refuses in it was
            // refused when it was read.
            let values = try! json.withUnsafeBytes { try FieldValue.parseFields(validUTF8JSON: $0) }
            parsed = values
            return values
        }
    }
}
