internal import Kernel

/// `tenant archive CODE`: a tenant that becomes read-only.
struct TenantArchiveCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "tenant",
            verb: "archive",
            summary: "archive a tenant: it becomes read-only",
            arguments: "CODE",
            mutates: true,
            destructive: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let administration = try invocation.administration
        let code = try invocation.name()
        try invocation.confirm("archive tenant \(code) (it becomes read-only)")
        try await administration.archiveTenant(code)
        return .none
    }
}
