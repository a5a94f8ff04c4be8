internal import Foundation
internal import Kernel

/// One run of a command at the shell: what ``CommandContext`` offers every command, and the
/// interpreter itself for the shell's own commands (its tenant, variables, settings,
/// transactions and output).
final class Invocation: CommandContext {
    /// The interpreter running the command.
    let shell: Interpreter
    /// The command's declaration.
    let spec: CommandSpec
    let arguments: CommandArguments
    let showsOutput: Bool

    init(shell: Interpreter, spec: CommandSpec, arguments: CommandArguments, showsOutput: Bool) {
        self.shell = shell
        self.spec = spec
        self.arguments = arguments
        self.showsOutput = showsOutput
    }

    var user: String { shell.backend.user }
    var registry: PluginRegistry { shell.catalog.registry }
    var store: any ContentStore { shell.backend.store }
    var isInterrupted: Bool { shell.interruption.isRaised }

    func tenant() throws -> String { try shell.currentTenant(arguments) }

    func service<Service>(_ type: Service.Type) throws -> Service {
        guard let service = shell.backend.services.lazy.compactMap({ $0 as? Service }).first else {
            throw CommandError("\(spec.name) is not available here")
        }
        return service
    }

    func show(_ records: Records, fields: [String]?) throws {
        guard showsOutput else { return }
        try shell.show(records, arguments, fields: fields)
    }

    /// Shows one item with every field (`practice show 42`).
    func show(detail item: Item) throws {
        guard showsOutput else { return }
        try shell.show(.items([item]), arguments, detail: item)
    }

    func write(_ text: String) { shell.console.data(text) }
    func note(_ text: String) { shell.note(text, arguments) }
    func warn(_ text: String) { shell.console.diagnostic(text) }
    func confirm(_ action: String) throws { try shell.confirm(action, arguments) }
}
