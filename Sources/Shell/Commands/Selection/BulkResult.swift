internal import Kernel

/// What a verb over many did to its items.
struct BulkResult {
    /// The items as they are now.
    var items: [Item]
    /// Each change made: id, slug, what changed, before, after.
    var changes: [[String?]]

    /// The changes as records (what `--dry-run` shows).
    var changeTable: Records {
        .table(Table(columns: ["id", "slug", "change", "before", "after"], rows: changes))
    }

    /// The changes from `before` to `after`, one row per field (and the author and the trash).
    static func changes(from before: Item, to after: Item) -> [[String?]] {
        var rows = FieldChange.between(Revision(of: before, message: nil), Revision(of: after, message: nil)).map {
            [String(after.id), after.slug, $0.field, $0.before.map(\.lineText), $0.after.map(\.lineText)]
        }
        if before.author != after.author, after.status == before.status {
            rows.append([String(after.id), after.slug, "author", before.author, after.author])
        }
        if (before.deletedAt == nil) != (after.deletedAt == nil) {
            rows.append([
                String(after.id), after.slug, "trash", before.deletedAt == nil ? nil : "trashed",
                after.deletedAt == nil ? nil : "trashed",
            ])
        }
        return rows
    }
}
