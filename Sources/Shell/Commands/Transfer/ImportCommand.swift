internal import Foundation
internal import Kernel

/// `import TYPE FILE` or `import tenant CODE FILE`: items created or updated from a CSV or
/// NDJSON file, validated, in batches, resumable.
struct ImportCommand: ShellCommand {
    var spec: CommandSpec {
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
                FlagSpec(
                    "connections",
                    summary: "connections that merge the batches: 2 (default, two of the server's cores) or 1",
                    values: ["1", "2"],
                    placeholder: "N"
                ),
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
                "import practice practices.csv --connections 1   # leave the server's other core alone",
                "import news news.ndjson --key source_url", "import tenant mx cr.ndjson",
            ],
            mutates: true,
            dryRun: .itsOwn
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let arguments = invocation.arguments
        let transfer = try invocation.transfer
        let (tenant, type) = try invocation.scope(arguments, verb: "import")
        let position = type == nil ? 2 : 1
        guard arguments.positional.count == position + 1 else {
            throw CommandError.usage("import needs a file: import TYPE FILE, or import tenant CODE FILE")
        }
        let file = invocation.shell.absolutePath(arguments.positional[position])
        guard let format = try invocation.transferFormat(arguments, file: file) else {
            throw CommandError.usage("cannot tell the format of \(file): name it .csv or .ndjson, or add --format")
        }
        var request = ImportRequest(tenant: tenant, type: type?.name, format: format)
        request.key = arguments.value("key") ?? "slug"
        request.dryRun = arguments.has("dry-run")
        request.message = arguments.value("message")
        request.language = arguments.value("language")
        if let text = arguments.value("on-error") {
            guard let onError = ImportRequest.OnError(rawValue: text) else {
                throw CommandError.usage("--on-error must be stop or skip")
            }
            request.onError = onError
        }
        var batchSize: Int?
        if let text = arguments.value("batch-size") {
            guard let size = Int(text), size > 0 else {
                throw CommandError.usage("--batch-size needs a positive number")
            }
            batchSize = size
        }
        let connections = try invocation.number("connections") ?? 2
        guard (1...2).contains(connections) else { throw CommandError.usage("--connections must be 1 or 2") }
        if let map = arguments.value("map") {
            request.columnMap = try invocation.columnMap(invocation.shell.absolutePath(map))
        }
        let rejections = arguments.value("report").map(invocation.shell.absolutePath)
        let summary = try await invocation.withImportProgress { progress, stop in
            try await transfer.importItems(
                request,
                file: file,
                report: rejections,
                batchSize: batchSize,
                connections: connections,
                progress: progress,
                stop: stop
            )
        }
        try invocation.report(summary)
        return .none
    }
}
