public import Kernel

/// Capacity-building tools: e-learning courses, face-to-face trainings, toolkits and apps
/// for the institutions and responders who protect migrants in crises.
public struct ToolsPlugin: Plugin {
    /// The plugin.
    public init() {}

    /// `tools`.
    public var name: String { "tools" }

    /// The `tool` type.
    public var contentTypes: [ContentType] { [Self.tool] }

    /// Audiences and formats.
    public var vocabularies: [Vocabulary] { [.toolAudiences, .toolFormats] }

    /// A tool: who it is for, its form, its modules and their durations, the languages it
    /// exists in or will, and where to find it.
    ///
    /// The language lists hold any BCP-47 tag (a course may exist in Italian while the tenant
    /// publishes in English and Spanish only), so they are text checked by a rule rather
    /// than `.language` fields, which accept only the tenant's languages.
    public static let tool = ContentType(
        name: "tool",
        plural: "tools",
        label: "Tool",
        fields: [
            FieldSpec("summary", .markdown(maxLength: 1000)),
            FieldSpec("body", .markdown(maxLength: nil), label: "Description"),
            FieldSpec(
                "audiences",
                .list(.choice(.toolAudiences)),
                required: true,
                shared: true,
                filter: "audience"
            ),
            FieldSpec("formats", .list(.choice(.toolFormats)), required: true, shared: true, filter: "tool-format"),
            FieldSpec(
                "modules",
                .rows([
                    FieldSpec("title", .text(maxLength: 200), required: true),
                    FieldSpec("duration", .duration),
                ])
            ),
            FieldSpec("total_duration", .duration, shared: true),
            FieldSpec("languages_available", .list(.text(maxLength: 20)), shared: true),
            FieldSpec("languages_planned", .list(.text(maxLength: 20)), shared: true),
            FieldSpec("access_url", .url, shared: true, label: "Access URL"),
            FieldSpec("certificate", .boolean, shared: true),
            FieldSpec("partners", .list(.text(maxLength: 200))),
            FieldSpec("guidelines", .list(.choice(.guidelines)), shared: true, filter: "guideline"),
        ],
        rules: [{ languageTagsAreValid($0) }]
    )

    /// An issue per entry of the language lists that is not a BCP-47 tag.
    static func languageTagsAreValid(_ fields: [String: FieldValue]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        for name in ["languages_available", "languages_planned"] {
            for entry in fields[name]?.listValue ?? [] {
                guard let tag = entry.textValue, !LanguageTag.isValid(tag) else { continue }
                let message = "'\(tag)' is not a BCP-47 language tag (such as es, fr or zh-Hans)"
                issues.append(ValidationIssue(field: name, message: message))
            }
        }
        return issues
    }
}
