internal import Kernel

/// `practice create --title ...`: a new item, which starts in its workflow's first state.
struct CreateCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        let noun = type.name
        let example = ContentFlags.exampleField(of: type)
        // Values for every required field, and the example vocabulary's first code.
        let exampleValues = type.fields.compactMap { field -> String? in
            guard field.required || field == example, !field.isPrivate else { return nil }
            return "--\(field.name.replacing("_", with: "-")) " + ContentFlags.exampleValue(of: field.kind)
        }.joined(separator: " ")
        return CommandSpec(
            noun: noun,
            verb: "create",
            summary: "create a \(noun) (it starts as \(type.workflow.initialState))",
            flags: ContentFlags.title + [
                FlagSpec.language(
                    "language",
                    summary: "the language it is written in (default: the tenant's default language)"
                ), ContentFlags.message,
            ] + ContentFlags.fields(of: type),
            examples: ["\(noun) create --title \"...\" " + exampleValues],
            mutates: true
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let arguments = invocation.arguments
        let draft = ItemDraft(
            type: type.name,
            title: arguments.value("title") ?? "",
            language: arguments.value("language"),
            slug: arguments.value("slug"),
            fields: try invocation.fieldValues(type: type)
        )
        let item = try await invocation.store.create(
            draft,
            tenant: tenant,
            author: invocation.user,
            message: arguments.value("message")
        )
        invocation.note("created \(type.name) \(item.id) (\(item.slug))")
        try invocation.show(.items([item]))
        return .items([item])
    }
}
