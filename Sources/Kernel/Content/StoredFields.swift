internal import Synchronization

/// An item's fields as the JSON text the database sent, parsed into values the first time
/// they are read: a list page shown as a table of titles never builds its rows' fields.
///
/// The text is checked when it is read from the database (``init(validUTF8JSON:)``), so
/// errors surface there as before and parsing it later cannot fail.
public final class StoredFields: Sendable {
    private let json: [UInt8]
    private let parsed = Mutex<[String: FieldValue]?>(nil)

    /// Copies and checks a JSON object of fields held as bytes the caller knows to be
    /// valid UTF-8 (see ``FieldValue/parseFields(validUTF8JSON:)``).
    /// - Throws: ``FieldValueJSONError`` when the text is not an object of field values.
    public init(validUTF8JSON bytes: UnsafeRawBufferPointer) throws {
        try FieldValue.checkFields(validUTF8JSON: bytes)
        json = Array(bytes)
    }

    /// The field values, parsed on the first call.
    public var values: [String: FieldValue] {
        parsed.withLock { parsed in
            if let parsed { return parsed }
            // The text was checked by the same parser when it was read.
            let values = try! json.withUnsafeBytes { try FieldValue.parseFields(validUTF8JSON: $0) }
            parsed = values
            return values
        }
    }
}
