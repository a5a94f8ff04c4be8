internal import Kernel

/// `practice adopt hq:SLUG`: items another tenant offers, adopted as local items linked to
/// them (in the office's language when upstream has it), each reported on its own.
struct AdoptCommand: ShellCommand {
    let type: ContentType

    var spec: CommandSpec {
        CommandSpec(
            noun: type.name,
            verb: "adopt",
            summary: "adopt \(type.plural) another tenant offers, as local \(type.plural) that follow it",
            arguments: "TENANT:SLUG|TENANT:ID...",
            flags: [
                FlagSpec("from", summary: "the offering tenant of ids given or piped without one", placeholder: "CODE"),
                FlagSpec("slug", summary: "the local URL name (default: upstream's)", placeholder: "SLUG"),
            ] + ContentFlags.selection,
            examples: [
                "\(type.name) adopt hq:evacuation-drills",
                "\(type.name) list --tenant hq --public --format ids | \(type.name) adopt --from hq --yes",
                "\(type.name) adopt --from hq --where status=\(type.workflow.publishedState ?? type.workflow.initialState) --yes",
            ],
            mutates: true
        )
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let tenant = try invocation.tenant()
        let arguments = invocation.arguments
        let adoptions = try invocation.service((any AdoptionService).self)
        // `--where` chooses among the items --from offers (as `list --tenant` shows them).
        var keys = arguments.positional.flatMap(ValueParser.splitList)
        if arguments.values["where"] != nil || arguments.value("older-than") != nil {
            guard let from = arguments.value("from") else {
                throw CommandError.usage("--where chooses among the items a tenant offers: add --from CODE")
            }
            keys = try await invocation.select(type: type, tenant: CommandArguments.code(from)).ids.map(String.init)
            if keys.isEmpty { return .none }
        }
        guard !keys.isEmpty else {
            throw CommandError.usage(
                "\(spec.name) needs TENANT:SLUG or TENANT:ID (or ids with --from): help \(spec.name)"
            )
        }
        if keys.count > 1 && arguments.value("slug") != nil {
            throw CommandError.usage("--slug names one adoption: adopt one item with it")
        }
        if keys.count > 20 { try invocation.confirm("adopt \(keys.count) \(type.plural)") }
        var adopted: [Item] = []
        var failures: [String] = []
        for key in keys {
            if invocation.isInterrupted {
                throw CommandError("adopt interrupted after \(adopted.count) of \(keys.count)")
            }
            do {
                let (upstream, reference) = try split(key, from: arguments.value("from"))
                let id: Int64
                if let number = Int64(reference) {
                    id = number
                } else {
                    id = try await adoptions.upstreamItem(
                        slug: reference,
                        type: type.name,
                        language: nil,
                        upstream: upstream
                    )
                }
                adopted.append(
                    try await adoptions.adopt(id, from: upstream, slug: arguments.value("slug"), tenant: tenant)
                )
            } catch let error as CommandError where error.isUsage {
                throw error
            } catch {
                if keys.count == 1 { throw error }
                failures.append("\(key): \(invocation.shell.describe(error))")
            }
        }
        if keys.count == 1, let item = adopted.first {
            invocation.note("adopted \(keys[0]) as \(type.name) \(item.id) (\(item.slug), \(item.status))")
        } else {
            invocation.note("adopt: \(adopted.count) done, \(failures.count) failed")
        }
        for failure in failures { invocation.warn("  failed \(failure)") }
        if !failures.isEmpty {
            throw CommandError("\(failures.count) of \(keys.count) failed", partial: !adopted.isEmpty)
        }
        if arguments.value("format") != nil { try invocation.show(.items(adopted)) }
        return .items(adopted)
    }

    /// `hq:slug` as the tenant and the slug (or id); a bare key takes `--from`.
    private func split(_ key: String, from: String?) throws -> (tenant: String, reference: String) {
        if let colon = key.firstIndex(of: ":") {
            return (CommandArguments.code(String(key[..<colon])), String(key[key.index(after: colon)...]))
        }
        guard let from else {
            throw CommandError.usage("'\(key)' names no tenant: write TENANT:\(key), or add --from CODE")
        }
        return (CommandArguments.code(from), key)
    }
}
