internal import Kernel

/// `sql "SELECT ..."`: a read-only query as yourself, under row-level security.
struct SQLCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: nil,
            verb: "sql",
            summary: "run a read-only SQL query as yourself, under row-level security (platform administrators only)",
            arguments: "\"SELECT ...\"",
            examples: ["sql \"select code, name from tenants\""]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let arguments = invocation.arguments
        guard !arguments.positional.isEmpty else { throw CommandError.usage("sql needs a query: sql \"select ...\"") }
        let table = try await invocation.shell.backend.sql(arguments.positional.joined(separator: " "))
        try invocation.show(.table(table))
        return .table(table)
    }
}
