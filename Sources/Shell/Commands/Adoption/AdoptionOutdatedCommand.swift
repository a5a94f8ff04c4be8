internal import Kernel

/// `adoption outdated`: each overridden field upstream changed since it was taken, with the
/// word diff of upstream's change.
struct AdoptionOutdatedCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "adoption",
            verb: "outdated",
            summary: "fields you override that upstream changed since, with upstream's change",
            arguments: "[ID...]",
            examples: ["adoption outdated", "adoption outdated 42 --fields id,field,taken,upstream --format json"]
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let service = try invocation.service((any AdoptionService).self)
        let only = invocation.arguments.positional.isEmpty ? nil : Set(try invocation.ids(for: spec))
        let adoptions = try await service.adoptions(tenant: tenant, orphaned: false).filter {
            only?.contains($0.itemID) ?? true
        }
        let rows = adoptions.flatMap { adoption in
            adoption.outdated.map { change -> [String?] in
                let taken = change.taken?.lineText ?? ""
                let upstream = change.upstream?.lineText ?? ""
                return [String(adoption.itemID), change.field, WordDiff.between(taken, upstream), taken, upstream]
            }
        }
        if rows.isEmpty { invocation.note("no adoption is outdated") }
        let table = Table(columns: ["id", "field", "change", "taken", "upstream"], rows: rows)
        try invocation.show(.table(table), fields: ["id", "field", "change"])
        return .table(table)
    }
}
