internal import Kernel

/// `practice offer [ID...] --to cr,ph`: a tenant's published items of a type (or the ones
/// named) offered to other tenants, which may read and adopt them; `--withdraw` takes the
/// offer back (adoptions made stay).
struct OfferCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        CommandSpec(
            noun: type.name,
            verb: "offer",
            summary: "offer published \(type.plural) (every one, or those named) to other tenants to adopt",
            arguments: "[ID...]",
            flags: [
                FlagSpec(
                    "to",
                    summary: "the tenants offered to, separated by commas (default: every one)",
                    placeholder: "CODES"
                ),
                FlagSpec("withdraw", takesValue: false, summary: "take the offer back (adoptions stay)"),
            ],
            examples: ["\(type.name) offer --to ph", "\(type.name) offer 42 --to hq --withdraw"],
            mutates: true
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let arguments = invocation.arguments
        let adoptions = try invocation.service((any AdoptionService).self)
        let items = arguments.positional.isEmpty ? [] : try invocation.ids(for: spec)
        let receivers = arguments.list("to").map(CommandArguments.code)
        let what =
            items.isEmpty
            ? "every published \(type.name)" : "\(type.plural) " + items.map(String.init).joined(separator: ", ")
        let whom = receivers.isEmpty ? "every tenant" : receivers.joined(separator: ", ")
        if arguments.has("withdraw") {
            let count = try await adoptions.withdraw(type: type.name, items: items, from: receivers, tenant: tenant)
            invocation.note("withdrew \(count) offer\(count == 1 ? "" : "s") of \(what) to \(whom)")
        } else {
            let count = try await adoptions.offer(type: type.name, items: items, to: receivers, tenant: tenant)
            invocation.note("\(tenant) offers \(what) to \(whom)" + (count == 0 ? " (already offered)" : ""))
        }
        return .none
    }
}
