internal import Foundation
internal import Kernel

extension Interpreter {

    func currentTenant(_ arguments: CommandArguments) throws -> String {
        if let code = arguments.value("tenant") ?? tenant { return code }
        throw CommandError("no tenant chosen: run use TENANT first (tenants lists them), or add --tenant CODE")
    }

    func confirm(_ action: String, _ arguments: CommandArguments) throws {
        guard !arguments.has("yes") && !arguments.has("dry-run") else { return }
        guard let ask = console.confirm else {
            throw CommandError("refusing to \(action) without confirmation: there is no terminal to ask on; add --yes")
        }
        guard ask("\(action.prefix(1).uppercased() + action.dropFirst())?") else { throw CommandError("cancelled") }
    }

    func idsArgument(_ arguments: CommandArguments, spec: CommandSpec) throws -> [Int64] {
        guard !arguments.positional.isEmpty else {
            throw CommandError.usage("\(spec.name) needs ids (\(spec.arguments)), given or piped: help \(spec.name)")
        }
        return try arguments.positional.flatMap(ValueParser.splitList).map { text in
            guard let id = Int64(text) else { throw CommandError.usage("'\(text)' is not an id") }
            return id
        }
    }

    /// The item with `id`, which must be of `type`.
    func item(_ id: Int64, of type: ContentType, tenant: String) async throws -> Item {
        let item = try await backend.store.item(id: id, tenant: tenant)
        guard item.type == type.name else { throw CommandError("item \(id) is a \(item.type), not a \(type.name)") }
        return item
    }
}
