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
                    "inherited-changes",
                    summary:
                        "publish (upstream's changes reach published adoptions at once) or review (editors take them)",
                    values: ["publish", "review"],
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
                "tenant configure cr --inherited-changes review",
            ],
            mutates: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let code = try invocation.name()
        let arguments = invocation.arguments
        let offered = arguments.list("offer")
        let settings = Self.settings.compactMap { name in arguments.value(name).map { (name, $0) } }
        guard !settings.isEmpty || !offered.isEmpty else {
            throw CommandError.usage(
                "tenant configure needs a setting: --translations-publish on-approval|by-editor, "
                    + "--inherited-changes publish|review, or --offer TYPES"
            )
        }
        if arguments.value("to") != nil && offered.isEmpty { throw CommandError.usage("--to goes with --offer") }
        let types = try offered.map { name in
            guard let type = invocation.registry.contentType(name) else {
                throw CommandError.usage("--offer \(name): there is no content type \(name)")
            }
            return type
        }
        // Every value is checked before anything is written.
        for (setting, value) in settings {
            let values = spec.flags.first { $0.name == setting }?.values ?? []
            guard values.contains(value) else {
                throw CommandError.usage("--\(setting) must be " + values.joined(separator: " or "))
            }
        }
        for (setting, value) in settings {
            try await invocation.administration.configure(code, setting: setting, to: value)
            invocation.note("tenant \(code): " + Self.said(setting, value))
        }
        if !types.isEmpty {
            let adoptions = try invocation.service((any AdoptionService).self)
            let receivers = arguments.list("to").map(CommandArguments.code)
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

    /// The settings it changes, by flag.
    private static let settings = ["translations-publish", "inherited-changes"]

    /// What a setting's new value means.
    private static func said(_ setting: String, _ value: String) -> String {
        switch (setting, value) {
        case ("translations-publish", "by-editor"): "translations are published by editors"
        case ("translations-publish", _): "translations are published on approval"
        case (_, "review"): "changes inherited from upstream wait for an editor in published adoptions"
        default: "changes inherited from upstream reach published adoptions at once"
        }
    }
}
