internal import Kernel

/// `tenant configure CODE --translations-publish MODE`: a tenant's settings.
struct TenantConfigureCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "tenant",
            verb: "configure",
            summary: "change a tenant's settings (platform administrators)",
            arguments: "CODE",
            flags: [
                FlagSpec(
                    "translations-publish",
                    summary: "on-approval (approving publishes a translation of published content) or by-editor",
                    values: ["on-approval", "by-editor"],
                    placeholder: "MODE"
                )
            ],
            examples: ["tenant configure cr --translations-publish by-editor"],
            mutates: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let administration = try invocation.administration
        let code = try invocation.name()
        guard let mode = invocation.arguments.value("translations-publish") else {
            throw CommandError.usage("tenant configure needs a setting: --translations-publish on-approval|by-editor")
        }
        try await administration.setTranslationsPublish(code, to: mode)
        invocation.note(
            "tenant \(code): translations are published \(mode == "by-editor" ? "by editors" : "on approval")"
        )
        return .none
    }
}
