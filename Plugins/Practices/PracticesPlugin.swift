public import Kernel

/// The repository of practices: non-binding examples of how states, international
/// organisations, the private sector and civil society protect migrants in countries in
/// crisis, each tied to the guidelines it implements.
///
/// Practices are often submitted by outside organisations; the submitter's contact details
/// are private and never published.
public struct PracticesPlugin: Plugin {
    /// The plugin.
    public init() {}

    /// `practices`.
    public var name: String { "practices" }

    /// The `practice` type.
    public var contentTypes: [ContentType] { [Self.practice] }

    /// Crisis types, stakeholder types and types of practice.
    public var vocabularies: [Vocabulary] { [.crisisTypes, .stakeholderTypes, .practiceTypes] }

    /// A practice: what was done, where, by whom, in which crises and phases, and which
    /// guidelines it implements.
    public static let practice = ContentType(
        name: "practice",
        plural: "practices",
        label: "Practice",
        fields: [
            FieldSpec("summary", .markdown(maxLength: 1000)),
            FieldSpec("body", .markdown(maxLength: nil), label: "Description"),
            FieldSpec("guidelines", .list(.choice(.guidelines)), shared: true, filter: "guideline"),
            FieldSpec(
                "phases",
                .list(.choice(.phases)),
                required: true,
                shared: true,
                label: "Crisis phases",
                filter: "phase"
            ),
            FieldSpec("crisis_types", .list(.choice(.crisisTypes)), shared: true, filter: "crisis-type"),
            FieldSpec(
                "practice_types",
                .list(.choice(.practiceTypes)),
                shared: true,
                label: "Types of practice",
                filter: "practice-type"
            ),
            FieldSpec("countries", .list(.country), required: true, shared: true, filter: "country"),
            FieldSpec("stakeholders", .list(.text(maxLength: 200))),
            FieldSpec(
                "stakeholder_types",
                .list(.choice(.stakeholderTypes)),
                shared: true,
                filter: "stakeholder-type"
            ),
            FieldSpec("related_links", .list(.url), shared: true),
            FieldSpec(
                "submitter_contact",
                .text(maxLength: 300),
                shared: true,
                isPrivate: true,
                label: "Submitter's contact details"
            ),
            FieldSpec("consent_to_publish", .boolean, shared: true),
        ]
    )
}
