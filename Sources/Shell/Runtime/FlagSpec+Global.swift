public import Kernel

extension FlagSpec {
    /// Flags every command accepts.
    public static let global: [FlagSpec] = [
        FlagSpec("tenant", summary: "run in this tenant instead of the one chosen with use", placeholder: "CODE"),
        FlagSpec(
            "format",
            summary: "table, json, csv, ids or count",
            values: OutputFormat.allCases.map(\.rawValue),
            placeholder: "FORMAT"
        ),
        FlagSpec("fields", summary: "the columns to show, separated by commas", placeholder: "A,B"),
        FlagSpec(
            "dry-run",
            takesValue: false,
            summary: "run for real in a transaction that is rolled back, and show the result"
        ),
        FlagSpec("yes", takesValue: false, summary: "do not ask for confirmation"),
        FlagSpec("quiet", takesValue: false, summary: "print no diagnostics, only data and errors"),
        FlagSpec("no-pager", takesValue: false, summary: "never show a long table through the pager"),
    ]
}
