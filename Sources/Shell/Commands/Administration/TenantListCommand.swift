internal import Kernel

/// `tenant list`, as `tenants`: the tenants you can see.
struct TenantListCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(noun: "tenant", verb: "list", summary: "list the tenants you can see", readsPipe: false)
    }

    func run(_ invocation: Invocation) async throws -> Records {
        try await TenantsCommand().run(invocation)
    }
}
