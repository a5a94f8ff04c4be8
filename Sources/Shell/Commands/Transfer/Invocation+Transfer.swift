internal import Foundation
internal import Kernel

/// What imports, exports and import jobs share: the service, the scope a command names,
/// the file format, progress and the summary.
extension Invocation {
    /// Imports and exports, as the platform offers them.
    /// - Throws: when it does not.
    var transfer: any BulkTransfer {
        get throws {
            guard let transfer = shell.backend.transfer else {
                throw CommandError("imports and exports are not available here")
            }
            return transfer
        }
    }

    /// Runs an import with progress lines for reading and merging, stopped by Ctrl-C.
    func withImportProgress(
        _ body: (
            @escaping @Sendable (ImportProgress) -> Void,
            @escaping @Sendable () -> Bool
        ) async throws -> ImportSummary
    ) async throws -> ImportSummary {
        let reading = Progress("reading", total: nil, write: shell.console.progress)
        let merging = Progress("merging", total: nil, write: shell.console.progress)
        let interruption = shell.interruption
        defer {
            reading.finish()
            merging.finish()
        }
        return try await body(
            { step in
                switch step.phase {
                case .reading: reading.update(step.done, total: step.total)
                case .merging:
                    reading.finish()
                    merging.update(step.done, total: step.total)
                }
            },
            { interruption.isRaised }
        )
    }

    /// The summary on standard error; rejected rows make a partial failure.
    func report(_ summary: ImportSummary) throws {
        var text = summary.dryRun ? "dry run, nothing was written: " : ""
        if summary.dryRun {
            text += "would create \(summary.created), update \(summary.updated); \(summary.unchanged) unchanged"
        } else if summary.created + summary.updated == 0 {
            text += "nothing changed: \(summary.unchanged) rows match the items already there"
        } else {
            text += "\(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged"
        }
        text += ", \(summary.rejected) rejected (\(summary.rows) rows"
        text += summary.job.map { "; job \($0))" } ?? ")"
        note(text)
        if summary.rowsWithoutLanguage > 0, let language = summary.language {
            let rows = summary.rowsWithoutLanguage == 1 ? "1 row named" : "\(summary.rowsWithoutLanguage) rows named"
            let source =
                arguments.value("language") == nil ? "the tenant's default language; --language chooses" : "--language"
            note(
                "\(rows) no language and \(summary.dryRun ? "would be" : "were") read as \(language) (\(source))"
            )
        }
        for problem in summary.problems { warn("  \(problem)") }
        if summary.rejected > summary.problems.count {
            warn("  ... and \(summary.rejected - summary.problems.count) more")
        }
        if summary.rejected > 0 {
            throw CommandError("\(summary.rejected) rows were rejected", partial: true)
        }
    }

    /// A `--map` file: one `column = field` a line; blank lines and `#` comments skipped.
    func columnMap(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CommandError("cannot read \(path)") }
        var map: [String: String] = [:]
        for (index, line) in String(decoding: data, as: UTF8.self).split(
            separator: "\n",
            omittingEmptySubsequences: false
        ).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CommandError("\(path):\(index + 1): write 'column = field'")
            }
            map[parts[0]] = parts[1]
        }
        return map
    }

    /// The tenant and type named by `TYPE` (in the current tenant) or `tenant CODE`.
    func scope(_ arguments: CommandArguments, verb: String) throws -> (tenant: String, type: ContentType?) {
        let words = arguments.positional
        if words.first == "tenant" {
            guard words.count >= 2 else { throw CommandError.usage("\(verb) tenant needs a tenant code") }
            return (CommandArguments.code(words[1]), nil)
        }
        guard let name = words.first else {
            throw CommandError.usage("\(verb) needs a content type or tenant CODE: help \(verb)")
        }
        guard let type = registry.contentType(name) else {
            let names = registry.contentTypes.map(\.name)
            let message = "there is no content type '\(name)'" + NameSuggestions.hint(name, among: names)
            throw CommandError.usage(message + "; \(verb) takes " + names.joined(separator: ", ") + " or tenant CODE")
        }
        return (try tenant(), type)
    }

    /// The format `--format` names, or the file's extension says.
    func transferFormat(_ arguments: CommandArguments, file: String?) throws -> TransferFormat? {
        if let name = arguments.value("format") {
            guard let format = TransferFormat(rawValue: name == "jsonl" ? "ndjson" : name) else {
                throw CommandError.usage(
                    "--format must be " + TransferFormat.allCases.map(\.rawValue).joined(separator: " or ")
                )
            }
            return format
        }
        return file.flatMap { TransferFormat(fileName: $0) }
    }
}
