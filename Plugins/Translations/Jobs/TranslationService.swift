/// Translation jobs: requesting them, moving them through ``Workflow/translation``, finding
/// outdated ones, and carrying their text to and from translation files. The plugin's
/// storage (`TranslationsStore`) implements it over PostgreSQL; the `translation` commands
/// ask the platform for it as a service.
public protocol TranslationService: Sendable {
    /// Creates a job (and the target-language item, with the shared fields copied) for each
    /// requested language.
    func request(_ request: TranslationRequest, tenant: String, author: String) async throws -> [TranslationJob]

    /// The jobs `query` selects, overdue and soonest due first.
    func jobs(_ query: TranslationJobQuery, tenant: String) async throws -> [TranslationJob]

    /// Takes the transition called `name` for each job, each checked on its own
    /// (permission, state, and `expectedVersions` when given); returns one outcome per id,
    /// in order. All the successful ones are written together.
    func transition(
        jobs ids: [Int64],
        name: String,
        comment: String?,
        expectedVersions: [Int64: Int],
        tenant: String,
        author: String
    ) async throws -> [TranslationOutcome]

    /// Every outdated field of the jobs `query` selects, with the source text it was made
    /// from and the text now.
    func outdated(_ query: TranslationJobQuery, tenant: String) async throws -> [OutdatedField]

    /// The translatable text of the jobs `query` selects, with their current translations.
    func packets(_ query: TranslationJobQuery, tenant: String) async throws -> [TranslationPacket]

    /// Writes the translations of `packets` into their jobs' target items after checking
    /// every unit; throws ``TranslationImportError`` and writes nothing when any unit is
    /// wrong. A source changed since the file was made is refused unless `force`, which
    /// writes the translation and marks the job outdated.
    func apply(
        _ packets: [TranslationPacket],
        tenant: String,
        author: String,
        force: Bool
    ) async throws -> [TranslationOutcome]
}
