internal import Kernel

extension CommandCatalog {
    /// The noun of import jobs.
    static let jobNoun = "job"

    /// `import`, `export` and `job`.
    static let transfer: [CommandSpec] = [
        CommandSpec(
            noun: nil,
            verb: "import",
            summary: "create or update items from a CSV or NDJSON file, validated, in batches, resumable",
            arguments: "TYPE FILE | tenant CODE FILE",
            flags: [
                FlagSpec(
                    "key",
                    summary: "what matches a row to an item: slug (default) or an external id field",
                    placeholder: "FIELD"
                ),
                FlagSpec(
                    "on-error",
                    summary: "stop (default: a bad row writes nothing) or skip (import the good rows)",
                    values: ImportRequest.OnError.allCases.map(\.rawValue),
                    placeholder: "WHAT"
                ),
                FlagSpec("report", summary: "write the rejected rows to this CSV file", placeholder: "FILE"),
                FlagSpec("map", summary: "a file of column renames, one 'column = field' a line", placeholder: "FILE"),
                FlagSpec(
                    "format",
                    summary: "csv or ndjson (default: from the file's extension)",
                    values: TransferFormat.allCases.map(\.rawValue),
                    placeholder: "FORMAT"
                ),
                FlagSpec("batch-size", summary: "rows merged per transaction (default 5000)", placeholder: "N"),
                FlagSpec("message", summary: "why, kept with every revision", placeholder: "TEXT"),
                FlagSpec.language(
                    "language",
                    summary: "the language of rows that name none (default: the tenant's default language)"
                ),
            ],
            examples: [
                "import practice practices.csv --dry-run",
                "import practice practices.csv --language en   # rows that name no language are English",
                "import practice practices.csv --on-error skip --report bad.csv",
                "import news news.ndjson --key source_url", "import tenant mx cr.ndjson",
            ],
            mutates: true
        ),
        CommandSpec(
            noun: jobNoun,
            verb: "list",
            summary: "list unfinished import jobs (--all: every one)",
            flags: [FlagSpec("all", takesValue: false, summary: "finished jobs too")],
            examples: ["job list", "job list --all --format csv"]
        ),
        CommandSpec(
            noun: jobNoun,
            verb: "resume",
            summary: "finish an interrupted import from its last checkpoint",
            arguments: "ID",
            examples: ["job resume 12"],
            mutates: true
        ),
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
                FlagSpec.language("language", summary: "only this language (default: every language)"),
                FlagSpec(
                    "fallback",
                    takesValue: false,
                    summary: "with --language es-MX: each item once, in es-MX, else es, else the tenant's default"
                ),
                FlagSpec("status", summary: "only these workflow states, separated by commas", placeholder: "STATE"),
            ],
            examples: [
                "export practice --to practices.csv", "export tenant cr --to cr.ndjson --revisions",
                "export news --status published --format csv --to news.csv",
            ]
        ),
    ]
}
