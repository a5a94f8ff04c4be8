internal import Kernel

extension StoredFields {
    /// Copies and checks the text PostgreSQL wrote for a `jsonb` object of fields, in UTF-8
    /// (see ``FieldValue/parseFields(validUTF8JSON:)``), to be parsed when first read. Its JSON
    /// syntax is trusted, not checked again; what the Kernel cannot hold in it is refused. Open
    /// to this package's modules only, which pass nothing but a `jsonb` column's text.
    /// - Throws: ``FieldValueJSONError`` for a top level that is not an object, a number that
    ///   is not a whole `Int`, or nesting the parser does not read.
    package convenience init(jsonbText bytes: UnsafeRawBufferPointer) throws {
        try JSONBTextCheck.check(bytes)
        let json = Array(bytes)
        // The server wrote well-formed JSON, and what the parser refuses in it was refused
        // by the check.
        self.init { try! json.withUnsafeBytes { try FieldValue.parseFields(validUTF8JSON: $0) } }
    }
}
