/// How a listing is written on standard output.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns fitted to the terminal, long text cut with an ellipsis.
    case table
    /// One JSON document.
    case json
    /// RFC 4180 CSV with a header row.
    case csv
    /// One id per line.
    case ids
    /// The number of records.
    case count
}
