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
        var runnables = ShellCommands.all(registry)
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
}
