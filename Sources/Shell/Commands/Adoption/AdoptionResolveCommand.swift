internal import Kernel

/// `adoption merge ID --take-upstream F --keep G` and `adoption reset ID F...`: an adoption's
/// overridden fields resolved one by one.
struct AdoptionResolveCommand: ShellCommand {
    /// Whether this is `reset` (every field named takes upstream's value) or `merge`.
    let resets: Bool

    var spec: CommandSpec {
        resets
            ? CommandSpec(
                noun: "adoption",
                verb: "reset",
                summary: "drop overrides: the fields take upstream's value and follow it again",
                arguments: "ID FIELD...",
                examples: ["adoption reset 42 summary title"],
                mutates: true
            )
            : CommandSpec(
                noun: "adoption",
                verb: "merge",
                summary: "resolve outdated fields: take upstream's value, or keep yours",
                arguments: "ID",
                flags: [
                    FlagSpec(
                        "take-upstream",
                        summary: "fields that take upstream's value (commas)",
                        placeholder: "FIELDS"
                    ),
                    FlagSpec(
                        "keep",
                        summary: "fields that keep yours, upstream's change seen (commas)",
                        placeholder: "FIELDS"
                    ),
                ],
                examples: ["adoption merge 42 --take-upstream body --keep summary"],
                mutates: true
            )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let arguments = invocation.arguments
        let service = try invocation.service((any AdoptionService).self)
        guard let first = arguments.positional.first, let id = Int64(first) else {
            throw CommandError.usage("\(spec.name) needs an adoption's item id: help \(spec.name)")
        }
        let named = arguments.positional.dropFirst().flatMap(ValueParser.splitList)
        let take = resets ? named : arguments.list("take-upstream")
        let keep = resets ? [] : arguments.list("keep")
        guard !take.isEmpty || !keep.isEmpty else {
            throw CommandError.usage(
                resets
                    ? "adoption reset needs the fields: adoption reset \(id) FIELD..."
                    : "adoption merge needs --take-upstream or --keep"
            )
        }
        if !resets, !named.isEmpty {
            throw CommandError.usage("adoption merge takes one id; name fields with --take-upstream or --keep")
        }
        if let both = Set(take).intersection(keep).first {
            throw CommandError.usage("\(both) cannot be both taken and kept")
        }
        let item = try await service.resolve(id, take: take, keep: keep, resets: resets, tenant: tenant)
        invocation.note(
            "adoption \(id): "
                + [
                    take.isEmpty ? nil : "took upstream's " + take.joined(separator: ", "),
                    keep.isEmpty ? nil : "kept " + keep.joined(separator: ", "),
                ]
                .compactMap { $0 }.joined(separator: "; ")
        )
        if arguments.value("format") != nil { try invocation.show(.items([item])) }
        return .items([item])
    }
}
