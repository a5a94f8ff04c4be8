internal import Kernel

/// `use cr`: the tenant later commands work in.
struct UseCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: nil,
            verb: "use",
            summary: "choose the tenant later commands work in",
            arguments: "TENANT",
            examples: ["use cr"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let arguments = invocation.arguments
        guard arguments.positional.count == 1 else { throw CommandError.usage("use needs one tenant code: use cr") }
        let code = CommandArguments.code(arguments.positional[0])
        let tenants = try await invocation.shell.backend.tenants()
        guard tenants.contains(where: { $0.code == code }) else {
            let known = tenants.map(\.code).joined(separator: ", ")
            throw CommandError("there is no tenant '\(code)' you can see (tenants: \(known))")
        }
        invocation.shell.tenant = code
        return .none
    }
}
