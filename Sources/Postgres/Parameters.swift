/// Bound values laid out as libpq wants them: one buffer of NUL-terminated texts and
/// arrays of pointers into it and of type OIDs.
struct Parameters {
    private var buffer: [UInt8] = []
    private var offsets: [Int?] = []
    private var types: [UInt32] = []

    /// Encodes every value.
    /// - Throws: an encoding error naming the parameter (`$2`) but not its value.
    init(_ values: [any PostgresEncodable]) throws {
        offsets.reserveCapacity(values.count)
        types.reserveCapacity(values.count)
        for (index, value) in values.enumerated() {
            types.append(type(of: value).postgresType.oid)
            do {
                guard let text = try value.postgresText() else {
                    offsets.append(nil)
                    continue
                }
                offsets.append(buffer.count)
                buffer.append(contentsOf: text.utf8)
                buffer.append(0)
            } catch var error as PostgresError {
                error.message = "parameter $\(index + 1): " + error.message
                throw error
            }
        }
    }

    /// Calls `body` with the count, the OIDs and the value pointers (NULL for SQL NULL).
    func withPointers<Result>(
        _ body: (Int32, UnsafePointer<UInt32>?, UnsafePointer<UnsafePointer<CChar>?>?) throws -> Result
    ) rethrows -> Result {
        try buffer.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in offset.flatMap { base?.advanced(by: $0) } }
            return try types.withUnsafeBufferPointer { types in
                try pointers.withUnsafeBufferPointer { values in
                    try body(Int32(offsets.count), types.baseAddress, values.baseAddress)
                }
            }
        }
    }
}
