internal import Foundation
internal import Kernel

/// `export TYPE` or `export tenant CODE`: a tenant's items as NDJSON or CSV, streamed to a
/// file (in place only once complete) or standard output.
struct ExportCommand: ShellCommand {
    var spec: CommandSpec {
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
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let arguments = invocation.arguments
        let transfer = try invocation.transfer
        let (tenant, type) = try invocation.scope(arguments, verb: "export")
        let extra = arguments.positional.dropFirst(type == nil ? 2 : 1)
        if let word = extra.first {
            throw CommandError.usage(
                "export takes TYPE or tenant CODE, not also '\(word)' (write to a file with --to FILE)"
            )
        }
        let file = arguments.value("to").map(invocation.shell.absolutePath)
        let format = try invocation.transferFormat(arguments, file: file) ?? .ndjson
        var request = ExportRequest(tenant: tenant, type: type?.name, format: format)
        request.revisions = arguments.has("revisions")
        request.language = arguments.value("language")
        if arguments.has("fallback") {
            guard let language = request.language else {
                throw CommandError.usage("--fallback needs --language (the language wanted first)")
            }
            let fallback = try await invocation.store.tenant(tenant).defaultLanguage
            request.fallbackLanguages = LanguageTag.fallbacks(for: language, then: fallback)
        }
        request.statuses = arguments.list("status")
        if request.revisions && format == .csv {
            throw CommandError.usage("--revisions needs NDJSON: a CSV row holds one version")
        }
        let output = try file.map { try OutputFile(path: $0) }
        let console = invocation.shell.console
        let progress = Progress("exporting", total: nil, write: console.progress)
        let count: Int
        do {
            count = try await transfer.export(
                request,
                progress: { done, total in progress.update(done, total: total) },
                write: { bytes in
                    if let output {
                        try output.write(bytes)
                    } else {
                        console.data(String(decoding: bytes, as: UTF8.self))
                    }
                }
            )
            progress.finish()
            try output?.finish()
        } catch {
            progress.finish()
            output?.discard()
            throw error
        }
        let what = count == 1 ? (type?.name ?? "item") : (type?.plural ?? "items")
        invocation.note("exported \(count) \(what) of tenant \(tenant)" + (file.map { " to \($0)" } ?? ""))
        return .none
    }
}
