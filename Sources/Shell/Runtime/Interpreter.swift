internal import Foundation
public import Kernel

/// Runs shell statements against a backend: the same code for the prompt, `-c`, script
/// files and standard input.
///
/// ```swift
/// let shell = Interpreter(backend: backend, registry: registry, console: .standard(interactive: false))
/// let outcome = await shell.run("use cr; practice list --format csv", source: nil)
/// ```
public final class Interpreter {
    public let backend: any ShellBackend
    public let catalog: CommandCatalog
    public var console: Console
    /// The tenant commands work in (`use`), shown in the prompt.
    public var tenant: String?
    /// `let` results and `--set` values.
    public var variables: [String: [String]] = [:]
    /// Whether each command's duration is shown.
    public var timing = false
    /// Whether long tables go through the pager on a terminal (`pager on|off`).
    public var paging = true
    /// Whether errors name the line they come from: of a script, yes; at the prompt, where
    /// every statement is line 1, no.
    public var showsLines = true
    /// Set while a command runs, so Ctrl-C knows to cancel rather than ignore.
    public private(set) var isRunning = false
    /// Words for errors the shell does not know (the platform's database errors).
    public var describeError: @Sendable (any Error) -> String? = { _ in nil }
    /// Raised by Ctrl-C; loops over many items stop at the next one.
    public let interruption = Interruption()
    /// Whether an error means the database cannot be reached any more.
    public var isUnavailable: @Sendable (any Error) -> Bool = { _ in false }

    public init(backend: any ShellBackend, registry: PluginRegistry, console: Console) {
        self.backend = backend
        catalog = CommandCatalog(registry: registry)
        self.console = console
    }

    /// How a run ended.
    public enum Outcome: Sendable, Equatable {
        case success
        case failed
        case usage
        case partial
        case unavailable
        case exit
    }

    /// Parses and runs `text`, stopping at the first error, which is reported on standard
    /// error with `source` (a file name) and the line.
    public func run(_ text: String, source: String?, firstLine: Int = 1) async -> Outcome {
        var parser = Parser(text, firstLine: firstLine)
        let statements: [Statement]
        do {
            statements = try parser.statements()
        } catch let error as ShellSyntaxError {
            report(error.message, at: error.position, source: source)
            return .usage
        } catch {
            report("\(error)", at: nil, source: source)
            return .failed
        }
        for statement in statements {
            let started = ContinuousClock.now
            interruption.clear()
            isRunning = true
            defer { isRunning = false }
            do {
                // A server restarted since the last statement is connected to again, once.
                if let reconnected = try await backend.reconnectIfLost() { console.diagnostic(reconnected) }
                try await execute(statement)
            } catch is ExitSignal {
                return .exit
            } catch {
                report(describe(error), at: statement.position, source: source)
                return outcome(for: error)
            }
            if timing {
                let elapsed = ContinuousClock.now - started
                let milliseconds =
                    Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
                console.diagnostic(String(format: "Time: %.3f ms", milliseconds))
            }
        }
        return .success
    }

    /// The prompt: person, tenant, and `*` inside a transaction (`ana@cr*> `), in colour
    /// on a terminal (escapes wrapped in \u{1} for libedit).
    public func prompt() async -> String {
        let open = await backend.inTransaction() ? "*" : ""
        let text = "\(backend.user)@\(tenant ?? "-")\(open)"
        guard console.colour else { return text + "> " }
        let colour = open.isEmpty ? "\u{1}\u{1b}[1;36m\u{1}" : "\u{1}\u{1b}[1;33m\u{1}"
        // The reset comes before the last visible characters: libedit drops escapes at the end.
        return colour + text + "\u{1}\u{1b}[0m\u{1}> "
    }

    /// The ids the last command showed, for completion.
    public private(set) var recentIDs: [String] = []
    /// The slugs the last command showed, for completion.
    public private(set) var recentSlugs: [String] = []

    func execute(_ statement: Statement) async throws {
        switch statement {
        case .run(let pipeline):
            await backend.willRun(pipeline.source(hiding: catalog.isSecret))
            _ = try await run(pipeline)
        case .assign(let name, let pipeline, _):
            await backend.willRun("let \(name) = " + pipeline.source(hiding: catalog.isSecret))
            let records = try await run(pipeline, showLast: false)
            variables[name] = records.ids
            console.diagnostic("\(name): \(records.ids.count) ids")
        }
    }

    /// Runs each command, handing its records to the next; the last one's are shown.
    private func run(_ pipeline: Pipeline, showLast: Bool = true) async throws -> Records {
        var input: [String]?
        var records = Records.none
        for (index, call) in pipeline.commands.enumerated() {
            let last = index == pipeline.commands.count - 1
            records = try await run(call, input: input, show: last && showLast)
            input = records.ids
        }
        if case .items(let items) = records {
            recentIDs = Array(records.ids.prefix(200))
            recentSlugs = Array(items.map(\.slug).prefix(200))
        }
        return records
    }

    /// Expands variables: a word that is only `$name` becomes every value it holds. Also
    /// returns the variables that held nothing (an id list that came out empty).
    func expand(_ words: [Word]) throws -> (words: [(text: String, isFlag: Bool)], empty: [String]) {
        var expanded: [(text: String, isFlag: Bool)] = []
        var empty: [String] = []
        for word in words {
            if word.parts.count == 1, case .variable(let name) = word.parts[0] {
                guard let values = variables[name] else {
                    throw CommandError.usage("$\(name) is not set (use let \(name) = ... or --set \(name)=...)")
                }
                expanded += values.map { ($0, false) }
                if values.isEmpty { empty.append(name) }
                continue
            }
            var text = ""
            for part in word.parts {
                switch part {
                case .text(let piece): text += piece
                case .variable(let name):
                    guard let values = variables[name] else { throw CommandError.usage("$\(name) is not set") }
                    text += values.joined(separator: ",")
                }
            }
            expanded.append((text, word.isFlag))
        }
        return (expanded, empty)
    }

    private func run(_ call: CommandCall, input: [String]?, show: Bool) async throws -> Records {
        let (words, emptyVariables) = try expand(call.words)
        guard !words.isEmpty else { return .none }
        let (spec, command, skip) = try resolve(words.map(\.text))
        var arguments = try CommandArguments(Array(words.dropFirst(skip)), spec: spec, globals: FlagSpec.global)
        let input = spec.readsPipe ? input : nil
        if let input { arguments.positional += input }
        // A command that takes ids and was given none because a pipe or a variable brought
        // nothing has nothing to do: that is not a missing argument.
        let broughtNothing = input?.isEmpty == true || !emptyVariables.isEmpty
        if broughtNothing && arguments.positional.isEmpty && spec.takesIDs {
            let source = emptyVariables.first.map { "$\($0) is empty" } ?? "nothing came through the pipe"
            note("\(spec.name): \(source)", arguments)
            return .none
        }
        let invocation = { (show: Bool) in
            Invocation(shell: self, spec: spec, arguments: arguments, showsOutput: show)
        }
        guard spec.mutates && arguments.has("dry-run") else { return try await command.run(invocation(show)) }
        switch spec.dryRun {
        case .itsOwn:
            return try await command.run(invocation(show))
        case .refused(let reason):
            throw CommandError.usage("\(spec.name) has no --dry-run \(reason)")
        case .rolledBack:
            // Run for real in a transaction that is rolled back, and show what it did.
            let records = try await backend.dryRun { try await command.run(invocation(false)) }
            note("dry run: nothing was kept", arguments)
            if show { try self.show(records, arguments) }
            return records
        }
    }

    /// The command the first words name (a built-in, or a noun and its verb), and how many
    /// words name it.
    /// - Throws: a usage error naming the closest known command or the noun's verbs.
    private func resolve(_ words: [String]) throws -> (spec: CommandSpec, command: any Command, skip: Int) {
        let first = words[0]
        if let (spec, command) = catalog.runnable(noun: nil, verb: first) { return (spec, command, 1) }
        // Content types answer to their plural too (`practices list`).
        let noun = catalog.registry.contentType(first)?.name ?? first
        guard catalog.nouns.contains(noun) else {
            var message = "unknown command '\(first)'"
            let suggestions = catalog.suggestions(for: first)
            if !suggestions.isEmpty { message += "; did you mean \(suggestions.joined(separator: " or "))?" }
            throw CommandError.usage(message + " (help lists the commands)")
        }
        guard words.count > 1 else {
            throw CommandError.usage("\(noun) needs a verb: \(verbs(of: noun)) (help \(noun))")
        }
        guard let (spec, command) = catalog.runnable(noun: noun, verb: words[1]) else {
            throw CommandError.usage("\(noun) has no verb '\(words[1])'; its verbs: \(verbs(of: noun))")
        }
        return (spec, command, 2)
    }

    private func verbs(of noun: String) -> String {
        catalog.commands.filter { $0.noun == noun }.map(\.verb).joined(separator: ", ")
    }

    /// Writes records for the console: fitted to its width, public view judged by the
    /// registry's workflows.
    var renderer: Renderer {
        Renderer(width: console.width, registry: catalog.registry)
    }

    /// Writes records on standard output in the format the flags ask for.
    func show(
        _ records: Records,
        _ arguments: CommandArguments,
        detail: Item? = nil,
        fields defaultFields: [String]? = nil
    )
        throws
    {
        let format = try self.format(arguments)
        let fields = arguments.value("fields").map(ValueParser.splitList) ?? defaultFields
        // A file's table is not fitted to the terminal.
        let renderer = Renderer(
            width: arguments.outputFile == nil ? console.width : nil,
            registry: catalog.registry
        )
        if let detail {
            try emit(renderer.renderDetail(detail, as: format, fields: fields), format: format, arguments)
        } else {
            try emit(renderer.render(records, as: format, fields: fields), format: format, arguments)
        }
    }

    /// Writes a listing's text: to the `--to` file, through the pager (a long table on a
    /// terminal), or on standard output.
    func emit(_ text: String, format: OutputFormat, _ arguments: CommandArguments) throws {
        if let path = arguments.outputFile.map(absolutePath) {
            let file = try OutputFile(path: path)
            do {
                try Array(text.utf8).withUnsafeBytes { try file.write($0) }
                try file.finish()
            } catch {
                file.discard()
                throw error
            }
            note("wrote \(path)", arguments)
            return
        }
        if format == .table, paging, !arguments.has("no-pager"), let page = console.page, page(text) { return }
        console.data(text)
    }

    /// `path` made absolute against the working directory.
    func absolutePath(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    func format(_ arguments: CommandArguments) throws -> OutputFormat {
        guard let name = arguments.value("format") else {
            guard let file = arguments.outputFile else { return .table }
            switch file.split(separator: ".").last.map({ $0.lowercased() }) {
            case "csv": return .csv
            case "json": return .json
            case "txt": return .table
            default:
                throw CommandError.usage(
                    "cannot tell the format of \(file): name it .csv, .json or .txt, or add --format"
                )
            }
        }
        guard let format = OutputFormat(rawValue: name) else {
            throw CommandError.usage(
                "--format must be one of " + OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
            )
        }
        return format
    }

    /// A note on standard error, unless `--quiet`.
    func note(_ text: String, _ arguments: CommandArguments) {
        if !arguments.has("quiet") { console.diagnostic(text) }
    }

    private func report(_ message: String, at position: SourcePosition?, source: String?) {
        var place = ""
        if let source { place = source + ":" }
        if let position, showsLines { place += "\(position.line):" }
        console.diagnostic("error: " + (place.isEmpty ? "" : place + " ") + message)
    }

    /// The words for `error` the shell reports.
    func describe(_ error: any Error) -> String {
        switch error {
        case let error as CommandError: error.message
        case let error as ValidationError:
            "invalid: " + error.issues.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
        case let error as ContentError: error.message
        default: describeError(error) ?? String(describing: error)
        }
    }

    private func outcome(for error: any Error) -> Outcome {
        if isUnavailable(error) { return .unavailable }
        if let error = error as? CommandError {
            if error.isUsage { return .usage }
            if error.isPartial { return .partial }
        }
        return .failed
    }
}

/// Thrown by `exit` to end the run.
struct ExitSignal: Error {}
