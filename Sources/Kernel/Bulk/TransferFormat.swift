/// The file formats of imports and exports.
public enum TransferFormat: String, Sendable, Hashable, CaseIterable {
    /// RFC 4180 CSV with a header row naming the fields; list values separated by `;`.
    case csv
    /// One JSON object per line, in the shape `export` writes.
    case ndjson

    /// The format a file name's extension names (`.csv`; `.ndjson`, `.jsonl`), or `nil`.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".csv") {
            self = .csv
        } else if lowered.hasSuffix(".ndjson") || lowered.hasSuffix(".jsonl") {
            self = .ndjson
        } else {
            return nil
        }
    }
}
