public import Kernel

internal import struct Foundation.URL

/// `translation export [JOB...] --xliff FILE`: the jobs' text in a translation file (one
/// target language per file), or on standard output.
public struct ExportTranslationsCommand: Command {
    /// The formats it writes; the first unless a format's flag names the file.
    public let formats: [any TranslationFileFormat]

    /// The command writing `formats` (at least one).
    public init(formats: [any TranslationFileFormat]) {
        self.formats = formats
    }

    public var spec: CommandSpec {
        let fileFlags = formats.map { format in
            FlagSpec(format.name, summary: "the \(format.name.uppercased()) file to write", placeholder: "FILE")
        }
        return CommandSpec(
            noun: TranslationFlags.noun,
            verb: "export",
            summary: "write jobs' text to a translation file (one target language per file)",
            arguments: "[JOB...]",
            flags: [TranslationFlags.language, TranslationFlags.status, TranslationFlags.source] + fileFlags,
            examples: [
                "\(TranslationFlags.noun) export --language es --status requested "
                    + "--\(formats[0].name) es.\(formats[0].fileExtensions[0])"
            ]
        )
    }

    public func run(_ context: any CommandContext) async throws -> Records {
        let desk = try context.translationDesk()
        let tenant = try context.tenant()
        var query = try TranslationJobQuery(context.arguments)
        query.ids = try context.arguments.positional.isEmpty ? [] : context.ids(for: spec)
        let (format, path) = try target(context.arguments)
        let packets = try await desk.packets(query, tenant: tenant)
        let data = try format.encode(packets)
        if let path {
            try data.write(to: URL(fileURLWithPath: path))
            let units = packets.reduce(0) { $0 + $1.units.count }
            context.note("wrote \(packets.count) job\(packets.count == 1 ? "" : "s") (\(units) units) to \(path)")
        } else {
            context.write(String(decoding: data, as: UTF8.self))
        }
        return .table(Table(columns: ["id"], rows: packets.map { [String($0.jobID)] }))
    }

    /// The format and file an export writes: `--xliff FILE` (or standard output).
    private func target(_ arguments: CommandArguments) throws -> (any TranslationFileFormat, String?) {
        for format in formats {
            if let path = arguments.value(format.name) { return (format, path) }
        }
        guard let format = formats.first else { throw CommandError("no translation file format is available") }
        return (format, nil)
    }
}
