internal import Foundation
internal import Kernel

extension Interpreter {
    func runTransfer(_ spec: CommandSpec, _ arguments: Arguments) async throws -> Records {
        guard let transfer = backend.transfer else { throw ShellError("imports and exports are not available here") }
        switch spec.verb {
        case "export": try await export(arguments, through: transfer)
        default: throw ShellError.usage("unknown command \(spec.verb)")
        }
        return .none
    }

    /// `export TYPE` or `export tenant CODE`.
    private func export(_ arguments: Arguments, through transfer: any BulkTransfer) async throws {
        let (tenant, type) = try scope(arguments, verb: "export")
        let file = arguments.value("to").map(absolutePath)
        let format = try transferFormat(arguments, file: file) ?? .ndjson
        var request = ExportRequest(tenant: tenant, type: type?.name, format: format)
        request.revisions = arguments.has("revisions")
        request.language = arguments.value("language")
        request.statuses = arguments.values["status"].map { $0.flatMap(ValueParser.splitList) } ?? []
        if request.revisions && format == .csv {
            throw ShellError.usage("--revisions needs NDJSON: a CSV row holds one version")
        }
        let output = try file.map { try OutputFile(path: $0) }
        let console = console
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
        note("exported \(count) \(what) of tenant \(tenant)" + (file.map { " to \($0)" } ?? ""), arguments)
    }

    /// The tenant and type named by `TYPE` (in the current tenant) or `tenant CODE`.
    private func scope(_ arguments: Arguments, verb: String) throws -> (tenant: String, type: ContentType?) {
        let words = arguments.positional
        if words.first == "tenant" {
            guard words.count >= 2 else { throw ShellError.usage("\(verb) tenant needs a tenant code") }
            return (words[1], nil)
        }
        guard let name = words.first else {
            throw ShellError.usage("\(verb) needs a content type or tenant CODE: help \(verb)")
        }
        guard let type = catalog.registry.contentType(name) else {
            let names = catalog.registry.contentTypes.map(\.name)
            var message = "there is no content type '\(name)'"
            if let closest = names.min(by: { EditDistance.between($0, name) < EditDistance.between($1, name) }) {
                message += " (did you mean \(closest)?)"
            }
            throw ShellError.usage(message + "; \(verb) takes " + names.joined(separator: ", ") + " or tenant CODE")
        }
        return (try currentTenant(arguments), type)
    }

    /// The format `--format` names, or the file's extension says.
    private func transferFormat(_ arguments: Arguments, file: String?) throws -> TransferFormat? {
        if let name = arguments.value("format") {
            guard let format = TransferFormat(rawValue: name == "jsonl" ? "ndjson" : name) else {
                throw ShellError.usage(
                    "--format must be " + TransferFormat.allCases.map(\.rawValue).joined(separator: " or ")
                )
            }
            return format
        }
        return file.flatMap { TransferFormat(fileName: $0) }
    }

    /// `path` made absolute against the working directory.
    func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }
}
