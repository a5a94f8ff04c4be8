/// A unit of functionality that the executable lists statically: content types, their
/// workflows (which `micic migrate` writes into the database, where the guards read them),
/// the SQL migrations they need and the shell commands they add.
///
/// ```swift
/// struct NewsPlugin: Plugin {
///     var name: String { "news" }
///     var schemaFolder: String? { "news" }
///     var contentTypes: [ContentType] { [NewsPlugin.news] }
/// }
/// ```
public protocol Plugin: Sendable {
    /// A short lowercase name, unique among plugins.
    var name: String { get }
    /// The folder under `Schema/` holding this plugin's SQL migrations, applied after the
    /// kernel's in file-name order; `nil` when the plugin needs none.
    var schemaFolder: String? { get }
    /// The content types the plugin defines.
    var contentTypes: [ContentType] { get }
    /// The workflows it defines beyond its content types' (the translation jobs' own); the
    /// database enforces these and the content types' alike once `micic migrate` has
    /// written them.
    var workflows: [Workflow] { get }
    /// What the database does, for this plugin, when content enters some states of a
    /// workflow (its own or another plugin's).
    var effects: [WorkflowEffect] { get }
    /// The vocabularies its fields use, for completion and help.
    var vocabularies: [Vocabulary] { get }
    /// The shell commands it adds beyond the generic verbs of its content types.
    var commands: [any Command] { get }
}

extension Plugin {
    public var schemaFolder: String? { nil }
    public var contentTypes: [ContentType] { [] }
    public var workflows: [Workflow] { [] }
    public var effects: [WorkflowEffect] { [] }
    public var vocabularies: [Vocabulary] { [] }
    public var commands: [any Command] { [] }
}
