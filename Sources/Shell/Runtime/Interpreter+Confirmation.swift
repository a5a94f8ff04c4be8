internal import Foundation
internal import Kernel

/// What every command runs with: the tenant it works in, and confirmation.
extension Interpreter {
    /// The tenant `--tenant` names, or the one chosen with `use`.
    func currentTenant(_ arguments: CommandArguments) throws -> String {
        if let code = arguments.value("tenant") ?? tenant { return code }
        throw CommandError("no tenant chosen: run use TENANT first (tenants lists them), or add --tenant CODE")
    }

    /// Asks to confirm `action`, unless `--yes` or `--dry-run`; refuses without a terminal.
    func confirm(_ action: String, _ arguments: CommandArguments) throws {
        guard !arguments.has("yes") && !arguments.has("dry-run") else { return }
        guard let ask = console.confirm else {
            throw CommandError("refusing to \(action) without confirmation: there is no terminal to ask on; add --yes")
        }
        guard ask("\(action.prefix(1).uppercased() + action.dropFirst())?") else { throw CommandError("cancelled") }
    }
}
