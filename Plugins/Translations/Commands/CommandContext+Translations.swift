internal import Kernel

extension CommandContext {
    /// The translation jobs' desk the platform offers.
    /// - Throws: a ``CommandError`` when it offers none here.
    func translationDesk() throws -> any TranslationService {
        do { return try service((any TranslationService).self) } catch {
            throw CommandError("translation jobs are not available here")
        }
    }

    /// `jobs` as a table (whose `id` column pipes on), shown unless `onlyWithFormat`, then
    /// shown only when `--format` asks for it.
    func shown(_ jobs: [TranslationJob], onlyWithFormat: Bool = false) throws -> Records {
        let records = Records.table(Table(jobs: jobs))
        if !onlyWithFormat || arguments.value("format") != nil { try show(records) }
        return records
    }
}
