/// A unit of functionality that the executable lists statically: content types, their
/// workflows, shell verbs and the SQL migrations they need.
///
/// ```swift
/// struct PracticesPlugin: Plugin {
///     var name: String { "practices" }
///     var schemaFolder: String? { "practices" }
/// }
/// ```
public protocol Plugin: Sendable {
    /// A short lowercase name, unique among plugins.
    var name: String { get }
    /// The folder under `Schema/` holding this plugin's SQL migrations, applied after the
    /// kernel's in file-name order; `nil` when the plugin needs none.
    var schemaFolder: String? { get }
}
