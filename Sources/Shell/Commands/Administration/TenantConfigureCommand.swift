internal import Kernel

/// `tenant configure CODE --translations-publish MODE --offer TYPES --to CODES`: a tenant's
/// settings, and what it offers other tenants.
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
                ),
                FlagSpec(
                    "offer",
                    summary: "content types whose published items it offers (commas)",
                    placeholder: "TYPES"
                ),
                FlagSpec(
                    "to",
                    summary: "with --offer: the tenants offered to (default: every one)",
                    placeholder: "CODES"
                ),
            ],
            examples: [
                "tenant configure cr --translations-publish by-editor",
                "tenant configure hq --offer practice,tool --to cr,ph",
            ],
            mutates: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let code = try invocation.name()
        let arguments = invocation.arguments
        let offered = (arguments.values["offer"] ?? []).flatMap(ValueParser.splitList)
        let mode = arguments.value("translations-publish")
        guard mode != nil || !offered.isEmpty else {
            throw CommandError.usage(
                "tenant configure needs a setting: --translations-publish on-approval|by-editor, or --offer TYPES"
            )
        }
        if arguments.value("to") != nil && offered.isEmpty { throw CommandError.usage("--to goes with --offer") }
        let types = try offered.map { name in
            guard let type = invocation.registry.contentType(name) else {
                throw CommandError.usage("--offer \(name): there is no content type \(name)")
            }
            return type
        }
        if let mode {
            try await invocation.administration.setTranslationsPublish(code, to: mode)
            invocation.note(
                "tenant \(code): translations are published \(mode == "by-editor" ? "by editors" : "on approval")"
            )
        }
        if !types.isEmpty {
            let adoptions = try invocation.service((any AdoptionService).self)
            let receivers = (arguments.values["to"] ?? []).flatMap(ValueParser.splitList).map(CommandArguments.code)
            for type in types {
                _ = try await adoptions.offer(type: type.name, items: [], to: receivers, tenant: code)
            }
            invocation.note(
                "tenant \(code) offers its published " + types.map(\.plural).joined(separator: " and ") + " to "
                    + (receivers.isEmpty ? "every tenant" : receivers.joined(separator: ", "))
            )
        }
        return .none
    }
}
