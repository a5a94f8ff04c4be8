internal import Kernel

extension Interpreter {
    func runBuiltin(_ spec: CommandSpec, _ arguments: CommandArguments, show: Bool) async throws -> Records {
        switch spec.verb {
        case "use":
            guard arguments.positional.count == 1 else { throw CommandError.usage("use needs one tenant code: use cr") }
            let code = CommandArguments.code(arguments.positional[0])
            let tenants = try await backend.tenants()
            guard tenants.contains(where: { $0.code == code }) else {
                let known = tenants.map(\.code).joined(separator: ", ")
                throw CommandError("there is no tenant '\(code)' you can see (tenants: \(known))")
            }
            tenant = code
            return .none
        case "tenants":
            let tenants = try await backend.tenants()
            let table = Table(
                columns: ["code", "name", "default_language", "languages", "archived"],
                rows: tenants.map {
                    [
                        $0.code, $0.name, $0.defaultLanguage, $0.languages.joined(separator: ";"),
                        $0.isArchived ? "yes" : "no",
                    ]
                }
            )
            if show { try self.show(.table(table), arguments) }
            return .table(table)
        case "help":
            console.data(Help(catalog: catalog).text(for: arguments.positional))
            return .none
        case "begin":
            guard !(await backend.inTransaction()) else {
                throw CommandError("a transaction is already open: commit or rollback first")
            }
            try await backend.begin()
            note("transaction open: commit or rollback", arguments)
            return .none
        case "commit":
            guard await backend.inTransaction() else { throw CommandError("no transaction is open (begin opens one)") }
            try await backend.commit()
            return .none
        case "rollback":
            guard await backend.inTransaction() else { throw CommandError("no transaction is open (begin opens one)") }
            try await backend.rollback()
            note("rolled back", arguments)
            return .none
        case "sql":
            guard !arguments.positional.isEmpty else {
                throw CommandError.usage("sql needs a query: sql \"select ...\"")
            }
            let table = try await backend.sql(arguments.positional.joined(separator: " "))
            if show { try self.show(.table(table), arguments) }
            return .table(table)
        case "search":
            return try await runSearch(spec, arguments, show: show)
        case "audit":
            guard let code = arguments.value("tenant") ?? tenant else {
                throw CommandError.usage("audit needs --tenant CODE (or use CODE first)")
            }
            guard try await backend.tenants().contains(where: { $0.code == code }) else {
                throw CommandError("there is no tenant '\(code)' you can see")
            }
            guard arguments.positional.count <= 1 else { throw CommandError.usage("audit takes at most one item id") }
            let item = try arguments.positional.first.map { text in
                guard let id = Int64(text), id > 0 else { throw CommandError.usage("'\(text)' is not an item id") }
                return id
            }
            if show, try format(arguments) == .count {
                let count = try await backend.auditCount(tenant: code, item: item, actor: arguments.value("actor"))
                try emit("\(count)\n", format: .count, arguments)
                return .none
            }
            let table = try await backend.audit(
                tenant: code,
                item: item,
                actor: arguments.value("actor"),
                limit: try arguments.wholeNumber("limit", in: 1...1_000) ?? 50
            )
            if show { try self.show(.table(table), arguments) }
            return .table(table)
        case "pager":
            try switchSetting(&paging, spec, arguments)
            note("the pager is \(paging ? "on" : "off")", arguments)
            return .none
        case "timing":
            try switchSetting(&timing, spec, arguments)
            note("timing is \(timing ? "on" : "off")", arguments)
            return .none
        case "import", "export":
            return try await runTransfer(spec, arguments)
        case "exit", "quit":
            throw ExitSignal()
        default:
            throw CommandError.usage("unknown command \(spec.verb)")
        }
    }

    /// Sets an on/off setting as `on` or `off` says, or switches it over when neither is given.
    private func switchSetting(_ setting: inout Bool, _ spec: CommandSpec, _ arguments: CommandArguments) throws {
        switch arguments.positional.first {
        case "on": setting = true
        case "off": setting = false
        case nil: setting.toggle()
        default: throw CommandError.usage("\(spec.verb) takes on or off")
        }
    }
}
