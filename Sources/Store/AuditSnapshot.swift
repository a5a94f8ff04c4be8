internal import Kernel
internal import Postgres

/// What the audit log records of a change: for a new item its identity and the revision
/// holding its content; for a change, only what changed, before and after.
enum AuditSnapshot {
    /// A created item: title, slug, status, language and the revision with its fields.
    static func created(title: String, slug: String, status: String, language: String) -> JSONDocument {
        JSONDocument(
            text: FieldValue.object([
                "title": .text(title), "slug": .text(slug), "status": .text(status), "language": .text(language),
                "revision": .integer(1),
            ]).jsonText
        )
    }

    /// The whole state of an item (for a purge, which leaves nothing else behind).
    static func whole(_ item: Item, masking hidden: [String]) -> JSONDocument {
        var fields = item.fields
        for name in hidden where fields[name] != nil { fields[name] = masked }
        return JSONDocument(
            text: FieldValue.object([
                "title": .text(item.title), "slug": .text(item.slug), "status": .text(item.status),
                "language": .text(item.language), "fields": .object(fields),
            ]).jsonText
        )
    }

    /// What the log shows instead of a private field's value: that it changed, not to what.
    static let masked = FieldValue.text("(private)")

    /// The parts of `old` and `new` that differ: title, slug, status and changed fields.
    static func change(
        from old: Item,
        to new: Item,
        masking hidden: [String]
    ) -> (before: JSONDocument, after: JSONDocument) {
        var before: [String: FieldValue] = [:]
        var after: [String: FieldValue] = [:]
        for (key, oldValue, newValue) in [
            ("title", old.title, new.title), ("slug", old.slug, new.slug), ("status", old.status, new.status),
        ] where oldValue != newValue {
            before[key] = .text(oldValue)
            after[key] = .text(newValue)
        }
        var oldFields: [String: FieldValue] = [:]
        var newFields: [String: FieldValue] = [:]
        for name in Set(old.fields.keys).union(new.fields.keys) where old.fields[name] != new.fields[name] {
            let isPrivate = hidden.contains(name)
            oldFields[name] = old.fields[name].map { isPrivate ? masked : $0 } ?? .null
            newFields[name] = new.fields[name].map { isPrivate ? masked : $0 } ?? .null
        }
        if !oldFields.isEmpty {
            before["fields"] = .object(oldFields)
            after["fields"] = .object(newFields)
        }
        after["revision"] = .integer(new.version + 1)
        return (
            JSONDocument(text: FieldValue.object(before).jsonText),
            JSONDocument(text: FieldValue.object(after).jsonText)
        )
    }

    /// A change in a bulk save: the names of what changed and the two revisions holding the
    /// values before and after, rather than the values themselves (a thousand translated
    /// bodies would otherwise be written twice more).
    static func reference(from old: Item, to new: Item) -> (before: String, after: String) {
        var changed = [("title", old.title != new.title), ("slug", old.slug != new.slug)]
            .filter(\.1).map(\.0)
        changed += Set(old.fields.keys).union(new.fields.keys).filter { old.fields[$0] != new.fields[$0] }.sorted()
        let names = FieldValue.list(changed.map(FieldValue.text)).jsonText
        return (
            "{\"revision\":\(old.version)}",
            "{\"revision\":\(old.version + 1),\"changed\":\(names)}"
        )
    }
}
