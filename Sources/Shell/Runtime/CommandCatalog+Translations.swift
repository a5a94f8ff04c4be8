public import Kernel

extension CommandCatalog {
    /// The `translation` noun, present when a plugin offers translation files.
    static let translationNoun = "translation"

    /// The translation commands: jobs, their workflow, outdated fields and translation files.
    static func translationCommands(formats: [any TranslationFileFormat]) -> [CommandSpec] {
        guard !formats.isEmpty else { return [] }
        let noun = translationNoun
        let language = FlagSpec.language("language", summary: "only jobs into this language")
        let status = FlagSpec(
            "status",
            summary: "only jobs in these states, separated by commas",
            values: Workflow.translation.states,
            placeholder: "STATE"
        )
        let source = FlagSpec("source", summary: "only jobs translating this item", placeholder: "ID")
        let fileFlags = formats.map { format in
            FlagSpec(format.name, summary: "the \(format.name.uppercased()) file to write", placeholder: "FILE")
        }
        let transitions = Workflow.translation.transitions.filter { $0.name != "outdate" }.map { transition in
            CommandSpec(
                noun: noun,
                verb: transition.name,
                summary: "move translation jobs from \(transition.from.joined(separator: " or ")) to \(transition.to) ("
                    + Role.allCases.filter(transition.roles.contains).map(\.rawValue).joined(separator: ", ") + ")",
                arguments: "JOB...",
                flags: [
                    FlagSpec(
                        "comment",
                        summary: transition.requiresComment ? "why (required)" : "why, kept with the translation",
                        placeholder: "TEXT"
                    )
                ],
                examples: ["\(noun) \(transition.name) 7" + (transition.requiresComment ? " --comment \"...\"" : "")],
                mutates: true
            )
        }
        return transitions + [
            CommandSpec(
                noun: noun,
                verb: "request",
                summary: "ask for translations of items into other languages (editors)",
                arguments: "[TYPE] ID...",
                flags: [
                    FlagSpec.language("to", summary: "target languages, separated by commas", several: true),
                    FlagSpec(
                        "translator",
                        summary: "who translates (default: any translator of the language)",
                        placeholder: "PERSON"
                    ),
                    FlagSpec(
                        "reviewer",
                        summary: "who reviews (default: any reviewer of the language)",
                        placeholder: "PERSON"
                    ),
                    FlagSpec("due", summary: "when the translations are due (YYYY-MM-DD)", placeholder: "DATE"),
                ],
                examples: [
                    "\(noun) request practice 42 --to es,fr --translator ana --reviewer luis --due 2026-12-15",
                    "practice list --status published --format ids | \(noun) request --to en",
                ],
                mutates: true
            ),
            CommandSpec(
                noun: noun,
                verb: "list",
                summary: "list translation jobs, overdue and soonest due first",
                flags: [language, status, source],
                examples: ["\(noun) list --language es --status submitted"]
            ),
            CommandSpec(
                noun: noun,
                verb: "inbox",
                summary: "the jobs waiting for you: to translate, or to review",
                examples: ["\(noun) inbox"]
            ),
            CommandSpec(
                noun: noun,
                verb: "outdated",
                summary: "the fields whose source changed since they were translated, with the change",
                flags: [language, source],
                examples: ["\(noun) outdated --language es"]
            ),
            CommandSpec(
                noun: noun,
                verb: "export",
                summary: "write jobs' text to a translation file (one target language per file)",
                arguments: "[JOB...]",
                flags: [language, status, source] + fileFlags,
                examples: [
                    "\(noun) export --language es --status requested --\(formats[0].name) es.\(formats[0].fileExtensions[0])"
                ]
            ),
            CommandSpec(
                noun: noun,
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
                examples: ["\(noun) import es.\(formats[0].fileExtensions[0])"],
                mutates: true
            ),
        ]
    }
}
