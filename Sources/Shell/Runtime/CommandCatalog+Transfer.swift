internal import Kernel

extension CommandCatalog {
    /// `import` and `export`.
    static let transfer: [CommandSpec] = [
        CommandSpec(
            noun: nil,
            verb: "export",
            summary: "write a tenant's items (of one type, or all) as NDJSON or CSV, streamed",
            arguments: "TYPE | tenant CODE",
            flags: [
                FlagSpec("to", summary: "the file to write (default: standard output)", placeholder: "FILE"),
                FlagSpec(
                    "format",
                    summary: "ndjson (default) or csv; a --to file's extension also says",
                    values: TransferFormat.allCases.map(\.rawValue),
                    placeholder: "FORMAT"
                ),
                FlagSpec("revisions", takesValue: false, summary: "include each item's revisions (NDJSON)"),
                FlagSpec("language", summary: "only this language (default: every language)", placeholder: "LANG"),
                FlagSpec("status", summary: "only these workflow states, separated by commas", placeholder: "STATE"),
            ],
            examples: [
                "export practice --to practices.csv", "export tenant cr --to cr.ndjson --revisions",
                "export news --status published --format csv > news.csv",
            ]
        )
    ]
}
