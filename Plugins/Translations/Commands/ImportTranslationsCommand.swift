internal import Foundation
public import Kernel

/// `translation import FILE`: translations read back from a file, every unit checked
/// before anything is written.
public struct ImportTranslationsCommand: Command {
    /// The formats it reads, recognised by the file's extension (the first otherwise).
    public let formats: [any TranslationFileFormat]

    /// The command reading `formats` (at least one).
    public init(formats: [any TranslationFileFormat]) {
        self.formats = formats
    }

    public var spec: CommandSpec {
        CommandSpec(
            noun: TranslationFlags.noun,
            verb: "import",
            summary: "read translations back from a file; every unit is checked before anything is written",
            arguments: "FILE",
            flags: [
                FlagSpec(
                    "force",
                    takesValue: false,
                    summary: "import even where the source changed since export (the jobs become outdated)"
                )
            ],
            examples: ["\(TranslationFlags.noun) import es.\(formats[0].fileExtensions[0])"],
            mutates: true
        )
    }

    public func run(_ context: any CommandContext) async throws -> Records {
        let desk = try context.translationDesk()
        let tenant = try context.tenant()
        let arguments = context.arguments
        guard arguments.positional.count == 1 else { throw CommandError.usage("translation import needs one FILE") }
        let path = arguments.positional[0]
        let fileExtension = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard let format = formats.first(where: { $0.fileExtensions.contains(fileExtension) }) ?? formats.first else {
            throw CommandError("no translation file format is available")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CommandError("cannot read \(path): \(error.localizedDescription)")
        }
        let packets = try format.decode(data)
        let outcomes = try await desk.apply(
            packets,
            tenant: tenant,
            author: context.user,
            force: arguments.has("force")
        )
        let jobs = outcomes.compactMap { if case .done(let job) = $0 { job } else { nil } }
        context.note("imported \(jobs.count) job\(jobs.count == 1 ? "" : "s") from \(path)")
        return try context.shown(jobs, onlyWithFormat: true)
    }
}
