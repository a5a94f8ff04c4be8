import ArgumentParser
import Foundation
import Postgres
import Shell
import Store

/// The `micic` command: the shell, and the commands around it.
struct Micic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "micic",
        abstract: "A multi-tenant content platform for the MICIC Initiative, administered from a shell.",
        discussion: """
            With no command, opens the interactive shell (or runs the commands on standard input \
            when it is not a terminal). With no database configured (DATABASE_URL, PG* variables \
            or --database-url), micic starts a private PostgreSQL server under MICIC_HOME, migrates \
            it and loads the demonstration content the first time.
            """,
        version: "0.1.0",
        subcommands: [RunCommand.self, MigrateCommand.self, DatabaseCommand.self, DemoCommand.self, ServeCommand.self]
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customShort("c"), help: "Run these shell commands (separated by ; or newlines) and exit.")
    var commands: String?

    @Option(help: "The tenant to start in (as the shell's use command).")
    var tenant: String?

    func run() async throws {
        let session = try await ShellSession.open(database: database, tenant: tenant, variables: [:])
        let trap = session.trapInterrupts()
        defer { trap.cancel() }
        let outcome: Interpreter.Outcome
        if let commands {
            outcome = await session.shell.run(commands, source: "-c")
        } else if isatty(STDIN_FILENO) == 1 {
            outcome = await session.interactive()
        } else {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            outcome = await session.shell.run(input, source: "stdin")
        }
        await session.backend.connection.close()
        throw ExitCode(ExitStatus(outcome).rawValue)
    }
}

/// `micic run FILE [--set name=value ...]`: runs a script file.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script of shell commands; it stops at the first error, naming the file and line."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The script file.")
    var file: String

    @Option(name: .customLong("set"), help: "A variable for the script, as name=value ($name in the script).")
    var settings: [String] = []

    @Option(help: "The tenant to start in.")
    var tenant: String?

    func run() async throws {
        var variables: [String: [String]] = [:]
        for setting in settings {
            guard let equals = setting.firstIndex(of: "="), !setting[..<equals].isEmpty else {
                throw ValidationError("--set takes name=value, not '\(setting)'")
            }
            variables[String(setting[..<equals])] = [String(setting[setting.index(after: equals)...])]
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ValidationError("cannot read the script \(file)")
        }
        let session = try await ShellSession.open(database: database, tenant: tenant, variables: variables)
        let trap = session.trapInterrupts()
        defer { trap.cancel() }
        let outcome = await session.shell.run(String(decoding: data, as: UTF8.self), source: file)
        await session.backend.connection.close()
        throw ExitCode(ExitStatus(outcome).rawValue)
    }
}
