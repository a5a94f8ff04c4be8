internal import Kernel

/// The flags that choose translation jobs, shared by the commands that read them.
enum TranslationFlags {
    /// The `translation` noun.
    static let noun = "translation"

    /// `--language LANG`.
    static let language = FlagSpec.language("language", summary: "only jobs into this language")

    /// `--status STATE`.
    static let status = FlagSpec(
        "status",
        summary: "only jobs in these states, separated by commas",
        values: Workflow.translation.states,
        placeholder: "STATE"
    )

    /// `--source ID`.
    static let source = FlagSpec("source", summary: "only jobs translating this item", placeholder: "ID")
}
