internal import Kernel

/// A command still implemented in the interpreter's switches, until it becomes a type.
struct LegacyCommand: ShellCommand {
    let spec: CommandSpec

    func run(_ invocation: Invocation) async throws -> Records {
        let shell = invocation.shell
        let show = invocation.showsOutput
        let arguments = invocation.arguments
        switch spec.noun {
        case nil: return try await shell.runBuiltin(spec, arguments, show: show)
        case "user"?, "tenant"?: return try await shell.runAdministration(spec, arguments, show: show)
        case "job"?: return try await shell.runJob(spec, arguments, show: show)
        case let noun?:
            guard let type = invocation.registry.contentType(noun) else { throw CommandError("unknown noun \(noun)") }
            return try await shell.runContent(spec, type: type, tenant: try invocation.tenant(), arguments, show: show)
        }
    }
}
