internal import Kernel

/// `tenant create CODE`: a country office, with its languages.
struct TenantCreateCommand: ShellCommand {
    var spec: CommandSpec {
        CommandSpec(
            noun: "tenant",
            verb: "create",
            summary: "create a tenant (platform administrators)",
            arguments: "CODE",
            flags: [
                FlagSpec("name", summary: "the office's name", placeholder: "TEXT"),
                FlagSpec.language("default-language", summary: "the language content is written in first"),
                FlagSpec.language(
                    "languages",
                    summary: "the languages it publishes, separated by commas",
                    several: true
                ),
            ],
            examples: ["tenant create mx --name \"Mexico office\" --default-language es --languages es,en"],
            mutates: true,
            readsPipe: false
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let administration = try invocation.administration
        let code = try invocation.name()
        let arguments = invocation.arguments
        guard let title = arguments.value("name"), let language = arguments.value("default-language") else {
            throw CommandError.usage("tenant create needs --name and --default-language")
        }
        let languages = arguments.value("languages").map(ValueParser.splitList) ?? [language]
        try await administration.createTenant(
            Tenant(code: code, name: title, defaultLanguage: language, languages: languages)
        )
        return .none
    }
}
