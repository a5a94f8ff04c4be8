import Dispatch
import Foundation
import Kernel
import Postgres
import Registration
import Shell
import Store

/// Runs the shell: interactively on a terminal, or a script from `-c`, a file or standard
/// input. Ctrl-C cancels the running statement; the shell goes on.
struct ShellSession {
    let shell: Interpreter
    let backend: PostgresShellBackend

    /// Cancels the running statement on Ctrl-C instead of ending the process.
    ///
    /// Returns once the signal source is registered: dispatch registers it on a thread of its
    /// own and installs its own SIGINT action then, and the line editor saves the action in
    /// place when it starts reading a line and puts it back when the line ends. A registration
    /// that came while the first line was read (on a loaded machine) was undone at its end, and
    /// every later Ctrl-C was ignored.
    func trapInterrupts() -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let backend = backend
        let interruption = shell.interruption
        source.setEventHandler {
            interruption.raise()
            backend.cancel()
        }
        let registered = DispatchSemaphore(value: 0)
        source.setRegistrationHandler { registered.signal() }
        source.resume()
        registered.wait()
        return source
    }

    /// Reads and runs lines until `exit` or Ctrl-D.
    func interactive() async -> Interpreter.Outcome {
        let visible = (try? await backend.tenants()) ?? []
        let tenants = visible.map(\.code)
        var completer = Completer(catalog: shell.catalog, tenants: tenants)
        completer.languages = Array(Set(visible.flatMap(\.languages))).sorted()
        let editor = LineEditor(program: "micic", historyFile: Self.historyFile, completer: completer)
        shell.showsLines = false
        printError(
            "micic: connected as \(backend.user); tenants: \(tenants.joined(separator: ", ")). help lists the commands; Ctrl-D leaves."
        )
        var buffer = ""
        while true {
            editor.completer.ids = shell.recentIDs
            editor.completer.slugs = shell.recentSlugs
            let prompt = buffer.isEmpty ? await shell.prompt() : "... "
            guard let line = editor.readLine(prompt: prompt) else {
                if editor.wasInterrupted {
                    buffer = ""
                    continue
                }
                printError("")
                break
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            var parser = Parser(buffer)
            do {
                _ = try parser.statements()
            } catch let error as ShellSyntaxError where error.isIncomplete {
                continue
            } catch {}
            editor.remember(buffer)
            let outcome = await shell.run(buffer, source: nil)
            buffer = ""
            if outcome == .exit { break }
        }
        // A failed command at the prompt was reported there; leaving the shell is success.
        return .success
    }

    /// `$MICIC_HISTORY`, else `$XDG_STATE_HOME/micic/history`, else `~/.local/state/micic/history`.
    static var historyFile: String {
        let environment = ProcessInfo.processInfo.environment
        if let file = environment["MICIC_HISTORY"], !file.isEmpty { return file }
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.local/state")
        return state + "/micic/history"
    }
}

extension ShellSession {
    /// Connects (starting and migrating the local database when none is configured, and
    /// loading the demonstration content into it the first time) and prepares a shell.
    static func open(
        database: DatabaseOptions,
        tenant: String?,
        variables: [String: [String]]
    ) async throws -> ShellSession {
        let connection = try await database.connect()
        let registry = try Platform.registry()
        if try database.configured() == nil,
            try await connection.run({ try TenantDirectory().list(on: $0).isEmpty })
        {
            let summary = try await DemoLoader(registry: registry).load(on: connection)
            printError("first start: loaded the demonstration content (\(summary.itemsCreated) items in 3 tenants)")
        }
        let backend = await PostgresShellBackend(connection: connection, registry: registry)
        let shell = Interpreter(backend: backend, registry: registry, console: .standard())
        shell.variables = variables
        shell.describeError = { ErrorText.describe($0) }
        shell.isUnavailable = { ExitStatus(for: $0) == .unavailable }
        shell.tenant = tenant
        return ShellSession(shell: shell, backend: backend)
    }
}
