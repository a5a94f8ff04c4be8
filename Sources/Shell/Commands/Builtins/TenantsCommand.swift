internal import Kernel

/// `tenants`: the tenants you can see.
struct TenantsCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: nil,
            verb: "tenants",
            summary: "list the tenants you can see",
            examples: ["tenants --format csv"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenants = try await invocation.shell.backend.tenants()
        let table = Table(
            columns: ["code", "name", "default_language", "languages", "archived"],
            rows: tenants.map {
                [
                    $0.code, $0.name, $0.defaultLanguage, $0.languages.joined(separator: ";"),
                    $0.isArchived ? "yes" : "no",
                ]
            }
        )
        try invocation.show(.table(table))
        return .table(table)
    }
}
