public import Kernel

/// Opens import files.
public enum ImportFile {
    /// A reader of `path` in `format`.
    /// - Throws: ``ImportFileError`` when the file cannot be opened.
    public static func reader(
        _ path: String,
        format: TransferFormat,
        maximumBytes: Int = maximumRecordBytes
    ) throws(ImportFileError) -> any RecordReader {
        let file = try InputFile(path: path)
        return switch format {
        case .csv: CSVReader(file: file, maximumBytes: maximumBytes)
        case .ndjson: NDJSONReader(file: file, maximumBytes: maximumBytes)
        }
    }
}
