internal import Kernel

/// `adoption list`: the tenant's adoptions, what they override and what upstream changed.
struct AdoptionListCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "adoption",
            verb: "list",
            summary: "the adopted items, their upstream, overridden and outdated fields",
            flags: [FlagSpec("orphaned", takesValue: false, summary: "only those whose upstream left")],
            examples: ["adoption list", "adoption list --orphaned --format csv"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let service = try invocation.service((any AdoptionService).self)
        let adoptions = try await service.adoptions(tenant: tenant, orphaned: invocation.arguments.has("orphaned"))
        if adoptions.isEmpty { invocation.note("no adoptions in \(tenant)") }
        let table = Table(
            columns: [
                "id", "type", "status", "title", "upstream", "taken_version", "overridden", "outdated", "orphaned",
            ],
            rows: adoptions.map { adoption in
                [
                    String(adoption.itemID), adoption.type, adoption.status, adoption.title,
                    "\(adoption.upstreamTenant):\(adoption.upstreamID)", String(adoption.takenVersion),
                    adoption.overridden.joined(separator: ","), adoption.outdated.map(\.field).joined(separator: ","),
                    adoption.orphanReason ?? "",
                ]
            }
        )
        try invocation.show(.table(table))
        return .table(table)
    }
}
