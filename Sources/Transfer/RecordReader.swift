/// Reads the rows of an import file one at a time, in constant memory, whatever its size.
///
/// ```swift
/// let reader = try ImportFile.reader("/data/practices.csv", format: .csv)
/// while let record = try reader.next() { ... }
/// ```
public protocol RecordReader: AnyObject {
    /// The next row, or `nil` at the end of the file.
    /// - Throws: ``ImportFileError`` when the file as a whole cannot be read on (an
    ///   unclosed quote, a read error); a bad row is returned with its problem instead.
    func next() throws(ImportFileError) -> SourceRecord?
    /// The file's size in bytes.
    var size: Int { get }
    /// The bytes read so far.
    var bytesRead: Int { get }
    /// A checksum of the bytes read so far (of the whole file once the end is reached).
    var checksum: String { get }
}

/// The largest row a file may hold: a longer one is rejected, and memory stays bounded.
public let maximumRecordBytes = 4 << 20

/// Checks the first bytes of a file: skips a UTF-8 byte-order mark, refuses UTF-16 and
/// UTF-32.
/// - Returns: how many bytes to skip.
func byteOrderMark(_ bytes: UnsafeRawBufferPointer) throws(ImportFileError) -> Int {
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return 3 }
    if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
        throw ImportFileError("the file is UTF-16 text; save it as UTF-8 (with or without a byte-order mark)")
    }
    if bytes.count >= 2, bytes[0] == 0 || bytes[1] == 0 {
        throw ImportFileError("the file is not UTF-8 text (it starts with a NUL byte); save it as UTF-8")
    }
    return 0
}

/// The problem of a row longer than `maximum` bytes.
func oversized(_ maximum: Int) -> String {
    "the row is longer than \(maximum >> 20) MiB; rows (and so each value) are limited to that size"
}
