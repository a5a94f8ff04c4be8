public import Kernel

/// Translations: jobs that carry items into other languages through
/// ``Workflow/translation``, their `translation` commands, their publishing rule, and the
/// XLIFF files professional translators exchange. The commands reach the jobs through a
/// ``TranslationService`` the platform offers (the plugin's storage, `TranslationsStore`).
/// The jobs themselves live in the kernel schema (`translation_jobs`), since the item
/// guard and outdated detection need them.
public struct TranslationsPlugin: Plugin {
    /// The plugin.
    public init() {}

    /// `translations`.
    public var name: String { "translations" }

    /// `translations`: the effect that publishes approved translations with their original.
    public var schemaFolder: String? { "translations" }

    /// Its publishing rule: publishing an original publishes its approved translations (where
    /// the tenant publishes on approval), approving a job whose original is published
    /// publishes it (likewise), and a published job publishes its translation.
    public var effects: [WorkflowEffect] {
        let translation = Workflow.translation
        return [
            WorkflowEffect("publish-translations", entering: .published),
            WorkflowEffect("publish-on-approval", entering: .state("approved", of: translation.name)),
        ]
            + translation.orderedPublishedStates.map { state in
                WorkflowEffect("publish-translation-targets", entering: .state(state, of: translation.name))
            }
    }

    /// The translation jobs' workflow, which the database enforces on `translation_jobs`.
    public var workflows: [Workflow] { [.translation] }

    /// The translation file formats its commands read and write: XLIFF 2.1.
    public var translationFormats: [any TranslationFileFormat] { [XLIFFFormat()] }

    /// The `translation` commands: a transition of the jobs' workflow each (but `outdate`,
    /// which the database takes when a source changes), requesting, listing, the inbox,
    /// outdated fields, and translation files in ``translationFormats``.
    public var commands: [any Command] {
        let formats = translationFormats
        let transitions: [any Command] = Workflow.translation.transitions.filter { $0.name != "outdate" }.map {
            TranslationTransitionCommand($0)
        }
        return transitions + [
            RequestTranslationsCommand(), ListTranslationJobsCommand(), TranslationInboxCommand(),
            OutdatedTranslationsCommand(), ExportTranslationsCommand(formats: formats),
            ImportTranslationsCommand(formats: formats),
        ]
    }
}
