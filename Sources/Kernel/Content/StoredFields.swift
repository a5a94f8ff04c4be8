internal import Synchronization

/// An item's fields as a store read them, parsed into values the first time they are read: a
/// list page shown as a table of titles never builds its rows' fields.
///
/// The store checks what it read when it reads it, so errors surface there, and gives a parse
/// that cannot fail (the PostgreSQL store's `init(jsonbText:)`).
///
/// ```swift
/// let stored = StoredFields { try! FieldValue.parseFields(validUTF8JSON: checkedBytes) }
/// ```
public final class StoredFields: Sendable {
    private let parse: @Sendable () -> [String: FieldValue]
    private let parsed = Mutex<[String: FieldValue]?>(nil)

    /// Fields that `parse` makes on the first read.
    /// - Parameter parse: called at most once; the store checked beforehand that it cannot fail.
    public init(parsing parse: @escaping @Sendable () -> [String: FieldValue]) {
        self.parse = parse
    }

    /// The field values, parsed on the first call.
    public var values: [String: FieldValue] {
        parsed.withLock { parsed in
            if let parsed { return parsed }
            let values = parse()
            parsed = values
            return values
        }
    }
}
