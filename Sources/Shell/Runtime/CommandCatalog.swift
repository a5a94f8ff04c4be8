public import Kernel

/// Every command the shell knows, generated from the plugin registry (nouns, their verbs,
/// filters from their fields) plus the built-ins: what parsing, `help` and completion read.
public struct CommandCatalog: Sendable {
    public let registry: PluginRegistry
    /// Every command's declaration, as parsing, `help` and completion read them.
    public let commands: [CommandSpec]
    /// The commands, in the order of their declarations.
    private let runnables: [any Command]
    /// The flags of private fields (`submitter-contact`).
    private let privateFieldFlags: Set<String>

    public init(registry: PluginRegistry) {
        self.registry = registry
        // People and tenants are named, not piped; an import checks its file itself; a
        // resumed import commits batch by batch: it cannot be rolled back.
        let administration = Self.administration.map { spec in
            var spec = spec
            spec.readsPipe = false
            return spec
        }
        let transfer = Self.transfer.map { spec in
            var spec = spec
            if spec.name == "import" { spec.dryRun = .itsOwn }
            if spec.name == "job resume" {
                spec.dryRun = .refused(
                    "(an import commits as it goes); try the file first with import TYPE FILE --dry-run"
                )
            }
            return spec
        }
        var specs = Self.builtins + [Self.search(registry)] + administration + transfer
        for type in registry.contentTypes { specs += Self.verbs(for: type) }
        var runnables: [any Command] = specs.map(LegacyCommand.init)
        runnables += registry.commands
        specs = runnables.map(\.spec)
        for index in specs.indices where Self.listingVerbs.contains(specs[index].verb) {
            if !specs[index].flags.contains(where: { $0.name == "to" }) { specs[index].flags.append(.outputFile) }
        }
        commands = specs
        self.runnables = runnables
        privateFieldFlags = Set(
            registry.contentTypes.flatMap(\.fields).filter(\.isPrivate).map { $0.name.replacing("_", with: "-") }
        )
    }

    /// The command for a noun and verb, or a built-in, with its declaration as the shell
    /// reads it.
    func runnable(noun: String?, verb: String) -> (spec: CommandSpec, command: any Command)? {
        commands.firstIndex { $0.noun == noun && $0.verb == verb }.map { (commands[$0], runnables[$0]) }
    }

    /// Whether the value given to `--flag` stays out of the audit log: a password, or a
    /// private field's value (also as `--add`/`--remove FIELD=VALUE`), which only editors and
    /// admins may read while every member reads the audit log.
    public func isSecret(flag: String, value: String) -> Bool {
        if flag == "password" || privateFieldFlags.contains(flag) { return true }
        guard flag == "add" || flag == "remove", let equals = value.firstIndex(of: "=") else { return false }
        return privateFieldFlags.contains(String(value[..<equals]).replacing("_", with: "-"))
    }

    /// The command for a noun and verb, or a built-in.
    public func command(noun: String?, verb: String) -> CommandSpec? {
        commands.first { $0.noun == noun && $0.verb == verb }
    }

    /// The nouns: content types' singular names, then the others in the order their
    /// commands come (`user`, `tenant`, `job`, a plugin's `translation`).
    public var nouns: [String] {
        var nouns = registry.contentTypes.map(\.name)
        for noun in commands.compactMap(\.noun) where !nouns.contains(noun) { nouns.append(noun) }
        return nouns
    }

    /// The nouns of tenant and people management.
    static let administrationNouns = ["user", "tenant"]

    /// `--role` of `user create` and `user grant`.
    private static let roleFlag = FlagSpec(
        "role",
        summary: "admin, editor, translator, reviewer or viewer, in --tenant (or the tenant in use)",
        values: Role.allCases.map(\.rawValue),
        placeholder: "ROLE"
    )
    /// `--languages` of `user create` and `user grant`.
    private static let languagesFlag = FlagSpec.language(
        "languages",
        summary: "the languages a translator or reviewer works in",
        several: true
    )

    private static let administration: [CommandSpec] = [
        CommandSpec(noun: "user", verb: "list", summary: "list people and their memberships", examples: ["user list"]),
        CommandSpec(
            noun: "user",
            verb: "create",
            summary: "create a person who can log in (platform administrators)",
            arguments: "NAME",
            flags: [
                FlagSpec(
                    "password",
                    summary: "their password (asked for on a terminal when left out)",
                    placeholder: "TEXT"
                ),
                FlagSpec("display-name", summary: "the name shown to others", placeholder: "TEXT"),
                roleFlag,
                languagesFlag,
            ],
            examples: [
                " user create ana --display-name \"Ana Mora\" --password ...   # a leading space keeps it out of history",
                " user create luis --password ... --tenant cr --role translator --languages en",
            ],
            mutates: true
        ),
        CommandSpec(
            noun: "user",
            verb: "grant",
            summary: "give a person a role in a tenant (tenant admins)",
            arguments: "NAME",
            flags: [roleFlag, languagesFlag],
            examples: ["user grant ana --tenant cr --role translator --languages es"],
            mutates: true
        ),
        CommandSpec(
            noun: "user",
            verb: "revoke",
            summary: "take a person's role in a tenant away",
            arguments: "NAME",
            examples: ["user revoke ana --tenant cr"],
            mutates: true,
            destructive: true
        ),
        CommandSpec(
            noun: "user",
            verb: "disable",
            summary: "stop a person from logging in",
            arguments: "NAME",
            mutates: true,
            destructive: true
        ),
        CommandSpec(
            noun: "user",
            verb: "admin",
            summary: "make a person a platform administrator",
            arguments: "NAME",
            mutates: true
        ),
        CommandSpec(noun: "tenant", verb: "list", summary: "list the tenants you can see"),
        CommandSpec(
            noun: "tenant",
            verb: "create",
            summary: "create a tenant (platform administrators)",
            arguments: "CODE",
            flags: [
                FlagSpec("name", summary: "the office's name", placeholder: "TEXT"),
                FlagSpec.language("default-language", summary: "the language content is written in first"),
                FlagSpec.language(
                    "languages",
                    summary: "the languages it publishes, separated by commas",
                    several: true
                ),
            ],
            examples: ["tenant create mx --name \"Mexico office\" --default-language es --languages es,en"],
            mutates: true
        ),
        CommandSpec(
            noun: "tenant",
            verb: "rename",
            summary: "rename a tenant",
            arguments: "CODE",
            flags: [FlagSpec("name", summary: "the new name", placeholder: "TEXT")],
            mutates: true
        ),
        CommandSpec(
            noun: "tenant",
            verb: "configure",
            summary: "change a tenant's settings (platform administrators)",
            arguments: "CODE",
            flags: [
                FlagSpec(
                    "translations-publish",
                    summary: "on-approval (approving publishes a translation of published content) or by-editor",
                    values: ["on-approval", "by-editor"],
                    placeholder: "MODE"
                )
            ],
            examples: ["tenant configure cr --translations-publish by-editor"],
            mutates: true
        ),
        CommandSpec(
            noun: "tenant",
            verb: "archive",
            summary: "archive a tenant: it becomes read-only",
            arguments: "CODE",
            mutates: true,
            destructive: true
        ),
    ]

    /// Built-in names.
    public var builtinNames: [String] { commands.filter { $0.noun == nil }.map(\.verb) }

    /// The verbs whose output is a listing, which `--to FILE` writes to a file.
    private static let listingVerbs: Set<String> = [
        "list", "show", "history", "inbox", "outdated", "tenants", "sql", "audit", "search",
    ]

    /// The closest known names to a mistyped one.
    public func suggestions(for word: String) -> [String] {
        NameSuggestions.nearest(to: word, among: nouns + builtinNames, within: 2)
    }

    private static let builtins: [CommandSpec] = [
        CommandSpec(
            noun: nil,
            verb: "use",
            summary: "choose the tenant later commands work in",
            arguments: "TENANT",
            examples: ["use cr"]
        ),
        CommandSpec(
            noun: nil,
            verb: "tenants",
            summary: "list the tenants you can see",
            examples: ["tenants --format csv"]
        ),
        CommandSpec(
            noun: nil,
            verb: "help",
            summary: "show commands, or one noun's or command's help",
            arguments: "[NOUN [VERB]]",
            examples: ["help practice list"]
        ),
        CommandSpec(
            noun: nil,
            verb: "begin",
            summary: "open a transaction; later commands commit or roll back together"
        ),
        CommandSpec(noun: nil, verb: "commit", summary: "commit the open transaction"),
        CommandSpec(noun: nil, verb: "rollback", summary: "undo everything since begin"),
        CommandSpec(
            noun: nil,
            verb: "sql",
            summary: "run a read-only SQL query as yourself, under row-level security (platform administrators only)",
            arguments: "\"SELECT ...\"",
            examples: ["sql \"select code, name from tenants\""]
        ),
        CommandSpec(
            noun: nil,
            verb: "audit",
            summary: "who changed what in the tenant, newest first, with the command they ran",
            arguments: "[ID]",
            flags: [
                FlagSpec("actor", summary: "only this person's changes", placeholder: "PERSON"),
                FlagSpec("limit", summary: "entries to show (default 50, at most 1000)", placeholder: "N"),
            ],
            examples: ["audit --tenant cr --actor ana", "audit 42 --format csv"]
        ),
        CommandSpec(noun: nil, verb: "timing", summary: "show how long each command takes", arguments: "on|off"),
        CommandSpec(
            noun: nil,
            verb: "pager",
            summary: "show long tables on a terminal through PAGER (less -S by default), or not",
            arguments: "on|off",
            examples: ["pager off"]
        ),
        CommandSpec(noun: nil, verb: "exit", summary: "leave the shell (also quit, or Ctrl-D)"),
        CommandSpec(noun: nil, verb: "quit", summary: "leave the shell"),
    ]

    /// A value of `kind` for the examples `help` shows, written as it is typed.
    static func exampleValue(of kind: FieldKind) -> String {
        switch kind {
        case .choice(let vocabulary): vocabulary.terms.first?.code ?? "CODE"
        case .country: "CR"
        case .list(let element, _): exampleValue(of: element)
        case .date: "2026-12-01"
        case .dateTime: "\"2026-12-01T09:00 America/Costa_Rica\""
        case .integer(let range): String(range.lowerBound)
        case .boolean: "yes"
        case .url: "https://example.org"
        case .email: "name@example.org"
        case .language: "es"
        case .duration: "PT2H"
        case .reference: "42"
        case .rows: "'[{\"title\": \"Module 1\"}]'"
        case .text, .markdown: "\"...\""
        }
    }

    private static func verbs(for type: ContentType) -> [CommandSpec] {
        let noun = type.name
        var filters: [FlagSpec] = [
            FlagSpec(
                "status",
                summary: "workflow states, separated by commas",
                values: type.workflow.states,
                placeholder: "STATE"
            ),
            FlagSpec.language("language", summary: "the language version to list"),
            FlagSpec("limit", summary: "rows per page (default 50, at most 1000)", placeholder: "N"),
            FlagSpec("all", takesValue: false, summary: "every page, not only the first"),
            FlagSpec(
                "sort",
                summary: "-updated (default), updated, title or id",
                values: ItemSort.allCases.map(\.rawValue),
                placeholder: "ORDER"
            ),
            FlagSpec("trash", takesValue: false, summary: "list trashed items instead"),
            FlagSpec("public", takesValue: false, summary: "only what the public sees now (published, in schedule)"),
            FlagSpec(
                "fallback",
                takesValue: false,
                summary: "with --language es-MX: each item once, in es-MX, else es, else the tenant's default"
            ),
            FlagSpec("author", summary: "authors, separated by commas", placeholder: "PERSON"),
        ]
        for field in type.fields where !field.isPrivate {
            switch field.kind {
            case .date, .dateTime:
                filters.append(
                    FlagSpec(
                        "\(field.filterName)-after",
                        summary: "\(field.label) on or after (YYYY-MM-DD)",
                        placeholder: "DATE"
                    )
                )
                filters.append(
                    FlagSpec(
                        "\(field.filterName)-before",
                        summary: "\(field.label) before (YYYY-MM-DD)",
                        placeholder: "DATE"
                    )
                )
            case .markdown, .rows:
                continue
            default:
                filters.append(
                    FlagSpec(
                        field.filterName,
                        summary: "\(field.label): \(field.kind.summary)",
                        values: field.kind.vocabulary?.terms.map(\.code) ?? [],
                        placeholder: field.name.uppercased()
                    )
                )
            }
        }
        let fieldFlags = type.fields.map { field in
            FlagSpec(
                field.name.replacing("_", with: "-"),
                summary: "\(field.label): \(field.kind.summary)" + (field.required ? " (required)" : ""),
                values: field.kind.vocabulary?.terms.map(\.code) ?? [],
                placeholder: field.name.uppercased()
            )
        }
        let writeFlags = [
            FlagSpec("title", summary: "the title", placeholder: "TITLE"),
            FlagSpec("slug", summary: "the URL name", placeholder: "SLUG"),
        ]
        let example = type.fields.first { $0.kind.vocabulary != nil && $0.kind.vocabulary != .countries }
        let exampleFilter =
            example.flatMap { field in field.kind.vocabulary?.terms.first.map { "--\(field.filterName) \($0.code)" } }
            ?? ""
        // Values for every required field, and the example vocabulary's first code.
        let exampleValues = type.fields.compactMap { field -> String? in
            guard field.required || field == example, !field.isPrivate else { return nil }
            return "--\(field.name.replacing("_", with: "-")) " + Self.exampleValue(of: field.kind)
        }.joined(separator: " ")
        let message = FlagSpec("message", summary: "why, kept with the revision", placeholder: "TEXT")
        let workflow = type.workflow
        func at(_ transition: Transition) -> [FlagSpec] {
            let change =
                workflow.publishes(transition) ? "starts" : workflow.unpublishes(transition) ? "stops" : nil
            return change.map { change in
                [
                    FlagSpec(
                        "at",
                        summary: "when the public \(change) seeing it: an ISO 8601 time with its zone",
                        placeholder: "TIME"
                    )
                ]
            } ?? []
        }
        let transitions = type.workflow.transitions.map { transition in
            CommandSpec(
                noun: noun,
                verb: transition.name,
                summary: "move \(type.plural) from \(transition.from.joined(separator: " or ")) to \(transition.to)"
                    + " (" + Role.allCases.filter(transition.roles.contains).map(\.rawValue).joined(separator: ", ")
                    + ")",
                arguments: "ID...",
                flags: [
                    FlagSpec(
                        "comment",
                        summary: transition.requiresComment ? "why (required)" : "why, kept with the item",
                        placeholder: "TEXT"
                    )
                ] + selectionFlags + at(transition),
                examples: ["\(noun) list --status \(transition.from[0]) | \(noun) \(transition.name) --yes"]
                    + (at(transition).isEmpty ? [] : ["\(noun) \(transition.name) 42 --at 2026-12-01T09:00:00Z"]),
                mutates: true
            )
        }
        return transitions + [
            CommandSpec(
                noun: noun,
                verb: "list",
                summary: "list \(type.plural), filtered by state and fields",
                flags: filters,
                examples: [
                    "\(noun) list --status draft \(exampleFilter) --fields id,title,status",
                    "\(noun) list --format json --limit 5",
                ]
            ),
            CommandSpec(
                noun: noun,
                verb: "show",
                summary: "show one \(noun) with every field",
                arguments: "ID|SLUG",
                flags: [
                    FlagSpec.language(
                        "language",
                        summary: "the language version a slug names (default: the tenant's default language)"
                    )
                ],
                examples: ["\(noun) show 42"]
            ),
            CommandSpec(
                noun: noun,
                verb: "create",
                summary: "create a \(noun) (it starts as a draft)",
                flags: writeFlags + [
                    FlagSpec.language(
                        "language",
                        summary: "the language it is written in (default: the tenant's default language)"
                    ), message,
                ] + fieldFlags,
                examples: ["\(noun) create --title \"...\" " + exampleValues],
                mutates: true
            ),
            CommandSpec(
                noun: noun,
                verb: "update",
                summary: "change fields of one or more \(type.plural)",
                arguments: "ID...",
                flags: writeFlags + [
                    FlagSpec("version", summary: "the version you read; refused if it changed since", placeholder: "N"),
                    FlagSpec("clear", summary: "fields to empty, separated by commas", placeholder: "FIELD"), message,
                    FlagSpec("reassign", summary: "make this person the author", placeholder: "PERSON"),
                ] + selectionFlags + listEditFlags + fieldFlags,
                examples: [
                    "\(noun) update 42 --title \"New title\"",
                    "\(noun) update --where status=draft --add guidelines=4 --dry-run",
                ],
                mutates: true
            ),
            CommandSpec(
                noun: noun,
                verb: "delete",
                summary: "move \(type.plural) to the trash",
                arguments: "ID...",
                flags: selectionFlags,
                examples: [
                    "\(noun) list --status draft | \(noun) delete --yes",
                    "\(noun) delete --where status=draft --older-than 365d --dry-run",
                ],
                mutates: true,
                destructive: true
            ),
            CommandSpec(
                noun: noun,
                verb: "restore",
                summary: "take \(type.plural) out of the trash",
                arguments: "ID...",
                flags: selectionFlags,
                mutates: true
            ),
            CommandSpec(
                noun: noun,
                verb: "purge",
                summary: "remove trashed \(type.plural) for good",
                arguments: "ID...",
                flags: selectionFlags,
                mutates: true,
                destructive: true
            ),
            CommandSpec(
                noun: noun,
                verb: "history",
                summary: "the revisions of a \(noun)",
                arguments: "ID",
                examples: ["\(noun) history 42"]
            ),
            CommandSpec(
                noun: noun,
                verb: "diff",
                summary: "what changed between two revisions (default: the last two)",
                arguments: "ID",
                flags: [
                    FlagSpec("from", summary: "the older version", placeholder: "N"),
                    FlagSpec("to", summary: "the newer version", placeholder: "N"),
                ],
                examples: ["\(noun) diff 42 --from 1 --to 3"]
            ),
            CommandSpec(
                noun: noun,
                verb: "revert",
                summary: "save an older revision's content as a new version",
                arguments: "ID",
                flags: [FlagSpec("to", summary: "the version to go back to", placeholder: "N")],
                examples: ["\(noun) revert 42 --to 3"],
                mutates: true
            ),
        ]
    }
}
