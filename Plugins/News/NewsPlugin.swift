public import Kernel

/// News: dated stories from the Secretariat and the country offices, with a dateline.
public struct NewsPlugin: Plugin {
    /// The plugin.
    public init() {}

    /// `news`.
    public var name: String { "news" }

    /// `news`: an index for publication-date filters, under `Schema/news`.
    public var schemaFolder: String? { "news" }

    /// The `news` type.
    public var contentTypes: [ContentType] { [Self.news] }

    /// A news item: where and when it was written, its text, and which guidelines it
    /// concerns. Its singular and plural names are both `news`.
    public static let news = ContentType(
        name: "news",
        plural: "news",
        label: "News",
        fields: [
            FieldSpec("dateline_place", .text(maxLength: 120), label: "Dateline"),
            FieldSpec("dateline_country", .country, shared: true),
            FieldSpec("published_on", .date, required: true, shared: true, label: "Publication date"),
            FieldSpec("summary", .markdown(maxLength: 1000)),
            FieldSpec("body", .markdown(maxLength: nil), required: true),
            FieldSpec("tags", .list(.text(maxLength: 60))),
            FieldSpec("guidelines", .list(.choice(.guidelines)), shared: true, filter: "guideline"),
            FieldSpec("office", .text(maxLength: 200)),
            FieldSpec("source_url", .url, shared: true, label: "Source URL"),
        ]
    )
}
