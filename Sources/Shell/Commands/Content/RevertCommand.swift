internal import Kernel

/// `practice revert 42 --to 3`: an older revision's content saved as a new version.
struct RevertCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        CommandSpec(
            noun: type.name,
            verb: "revert",
            summary: "save an older revision's content as a new version",
            arguments: "ID",
            flags: [FlagSpec("to", summary: "the version to go back to", placeholder: "N")],
            examples: ["\(type.name) revert 42 --to 3"],
            mutates: true
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let item = try await invocation.find(one: type, tenant: tenant)
        guard let version = try invocation.number("to") else { throw CommandError.usage("revert needs --to VERSION") }
        let reverted = try await invocation.store.revert(
            id: item.id,
            tenant: tenant,
            to: version,
            expectedVersion: item.version,
            author: invocation.user
        )
        invocation.note(
            "\(type.name) \(item.id) is now version \(reverted.version), with the content of version \(version)"
        )
        return .items([reverted])
    }
}
