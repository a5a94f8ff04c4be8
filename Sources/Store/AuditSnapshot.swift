internal import Kernel
internal import Postgres

/// The state of an item as the audit log records it before and after a change.
struct AuditSnapshot {
    let title: String
    let slug: String
    let status: String
    let language: String
    let fields: JSONDocument

    init(title: String, slug: String, status: String, language: String, fields: JSONDocument) {
        self.title = title
        self.slug = slug
        self.status = status
        self.language = language
        self.fields = fields
    }

    init(item: Item) {
        self.init(
            title: item.title,
            slug: item.slug,
            status: item.status,
            language: item.language,
            fields: JSONDocument(text: FieldValue.jsonText(of: item.fields))
        )
    }

    /// The snapshot as a jsonb document.
    var document: JSONDocument {
        let head = FieldValue.object([
            "title": .text(title), "slug": .text(slug), "status": .text(status), "language": .text(language),
        ]).jsonText
        return JSONDocument(text: head.dropLast() + ",\"fields\":" + fields.text + "}")
    }
}
