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
        let specs =
            Self.builtins + [Self.search(registry)] + administration + transfer
            + Self.translationCommands(formats: registry.translationFormats)
        var runnables: [any Command] = specs.map(LegacyCommand.init)
        for type in registry.contentTypes { runnables += ContentCommands.all(for: type) }
        runnables += registry.commands
        var declarations = runnables.map(\.spec)
        for index in declarations.indices where Self.listingVerbs.contains(declarations[index].verb) {
            if !declarations[index].flags.contains(where: { $0.name == "to" }) {
                declarations[index].flags.append(.outputFile)
            }
        }
        commands = declarations
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
}
