public import Kernel

/// Translations: jobs that carry items into other languages through
/// ``Kernel/Workflow/translation``, and the XLIFF files professional translators exchange.
/// The jobs themselves live in the kernel schema (`translation_jobs`), since the item
/// guard and outdated detection need them.
public struct TranslationsPlugin: Plugin {
    /// The plugin.
    public init() {}

    /// `translations`.
    public var name: String { "translations" }

    /// `translations`: the effect that publishes approved translations with their original.
    public var schemaFolder: String? { "translations" }

    /// Publishing an original publishes its approved translations (where the tenant says so).
    public var effects: [WorkflowEffect] { [WorkflowEffect("publish-translations", entering: .published)] }

    /// The translation jobs' workflow, which the database enforces on `translation_jobs`.
    public var workflows: [Workflow] { [.translation] }

    /// XLIFF 2.1.
    public var translationFormats: [any TranslationFileFormat] { [XLIFFFormat()] }
}
