/// What a command runs with: its arguments, the person and tenant, the content store, the
/// services of the platform, and the console it reports on. The shell gives one to each
/// command it runs.
public protocol CommandContext: AnyObject {
    /// The command's words, checked against its declaration, with the ids piped in.
    var arguments: CommandArguments { get }
    /// The person connected (`ana`), for authorship.
    var user: String { get }
    /// The plugins: content types, workflows, file formats.
    var registry: PluginRegistry { get }
    /// Where content lives.
    var store: any ContentStore { get }
    /// The tenant the command works in: `--tenant`, or the one chosen with `use`.
    /// - Throws: a ``CommandError`` when neither names one.
    func tenant() throws -> String
    /// The service of this type the platform offers (a plugin's storage).
    /// - Throws: a ``CommandError`` when the platform offers none here.
    func service<Service>(_ type: Service.Type) throws -> Service
    /// Whether what the command returns is shown (it is the last command of a line, and
    /// its result is not kept in a variable).
    var showsOutput: Bool { get }
    /// Shows `records` in the format the flags ask for, with these columns unless
    /// `--fields` names others; nothing when ``showsOutput`` is false.
    func show(_ records: Records, fields: [String]?) throws
    /// Writes data on standard output as it is (a file's text).
    func write(_ text: String)
    /// A note on standard error, unless `--quiet`.
    func note(_ text: String)
    /// A warning on standard error, always.
    func warn(_ text: String)
    /// Asks the person to confirm `action` (`delete 30 practices`), unless `--yes` or
    /// `--dry-run` is given.
    /// - Throws: a ``CommandError`` when refused, or when there is nobody to ask.
    func confirm(_ action: String) throws
    /// Whether Ctrl-C was pressed since the command started (loops stop at the next step).
    var isInterrupted: Bool { get }
}

extension CommandContext {
    /// Shows `records` with the default columns.
    public func show(_ records: Records) throws { try show(records, fields: nil) }

    /// The ids given as arguments or piped in, as numbers.
    /// - Throws: a usage error when there are none or one is not a number.
    public func ids(for spec: CommandSpec) throws -> [Int64] {
        guard !arguments.positional.isEmpty else {
            throw CommandError.usage("\(spec.name) needs ids (\(spec.arguments)), given or piped: help \(spec.name)")
        }
        return try arguments.positional.flatMap(ValueParser.splitList).map { text in
            guard let id = Int64(text) else { throw CommandError.usage("'\(text)' is not an id") }
            return id
        }
    }

    /// The item with `id` in `tenant`, which must be of `type`.
    public func item(_ id: Int64, of type: ContentType, tenant: String) async throws -> Item {
        let item = try await store.item(id: id, tenant: tenant)
        guard item.type == type.name else { throw CommandError("item \(id) is a \(item.type), not a \(type.name)") }
        return item
    }
}
