/// The plugins the executable lists, checked once at start-up: the one place the Store,
/// the shell and `help` read content types from.
///
/// ```swift
/// let registry = try PluginRegistry([PracticesPlugin(), EventsPlugin()])
/// ```
public struct PluginRegistry: Sendable {
    /// The plugins, in the order given.
    public let plugins: [any Plugin]
    /// Every content type, in plugin order.
    public let contentTypes: [ContentType]
    /// Every workflow the content types follow or the plugins define, each once, in the
    /// order first met.
    public let workflows: [Workflow]
    private let typesByName: [String: Int]

    /// Checks and indexes `plugins`.
    /// - Throws: ``RegistryError`` when two plugins share a name, two content types a
    ///   singular or plural name, or two different workflows a name.
    public init(_ plugins: [any Plugin]) throws {
        var pluginNames = Set<String>()
        var types: [ContentType] = []
        var index: [String: Int] = [:]
        var workflows: [Workflow] = []
        for plugin in plugins {
            for workflow in plugin.contentTypes.map(\.workflow) + plugin.workflows {
                if let known = workflows.first(where: { $0.name == workflow.name }) {
                    guard known == workflow else {
                        throw RegistryError("plugin \(plugin.name) defines another workflow called '\(workflow.name)'")
                    }
                } else {
                    workflows.append(workflow)
                }
            }
            guard pluginNames.insert(plugin.name).inserted else {
                throw RegistryError("two plugins are called '\(plugin.name)'")
            }
            for type in plugin.contentTypes {
                for name in type.name == type.plural ? [type.name] : [type.name, type.plural] {
                    guard index[name] == nil else {
                        throw RegistryError("the content type name '\(name)' of plugin \(plugin.name) is already taken")
                    }
                    index[name] = types.count
                }
                types.append(type)
            }
        }
        self.plugins = plugins
        contentTypes = types
        self.workflows = workflows
        typesByName = index
    }

    /// The content type with this singular or plural name.
    public func contentType(_ name: String) -> ContentType? {
        typesByName[name].map { contentTypes[$0] }
    }

    /// Every command the plugins add, in plugin order.
    public var commands: [any Command] {
        plugins.flatMap(\.commands)
    }

    /// The states of each workflow whose entering runs `effect`: for ``WorkflowEffect/States/published``,
    /// every published state of every content type's workflow.
    public func states(entering effect: WorkflowEffect) -> [(workflow: String, state: String)] {
        switch effect.entering {
        case .published:
            let content = workflows.filter { workflow in contentTypes.contains { $0.workflow.name == workflow.name } }
            return content.flatMap { workflow in
                workflow.orderedPublishedStates.map { (workflow.name, $0) }
            }
        case .state(let state, let workflow):
            return [(workflow, state)]
        }
    }

    /// Every migration folder: the kernel's first, then each plugin's.
    public func schemaFolders(kernel: String) -> [String] {
        [kernel] + plugins.compactMap(\.schemaFolder)
    }
}

/// A plugin list that cannot be registered.
public struct RegistryError: Error, Sendable, CustomStringConvertible {
    /// What clashes.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
