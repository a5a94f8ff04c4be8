internal import Foundation
public import Kernel
internal import Transfer

/// Writes records in an output format.
public struct Renderer: Sendable {
    /// The terminal's width, or `nil` when output is not a terminal (no fitting).
    public var width: Int?
    /// The published states of each content type's workflow, for the `public` column.
    public var publishedStates: [String: Set<String>]

    /// A renderer for a terminal `width` wide, judging public view by `registry`'s workflows.
    public init(width: Int?, registry: PluginRegistry? = nil) {
        self.width = width
        publishedStates = Dictionary(
            (registry?.contentTypes ?? []).map { ($0.name, $0.workflow.publishedStates) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// The item columns a listing shows when `--fields` is not given.
    public static let defaultItemColumns = ["id", "type", "language", "status", "slug", "title"]

    /// The records as text (ending in a newline, or empty).
    public func render(_ records: Records, as format: OutputFormat, fields: [String]?) -> String {
        switch records {
        case .none: return ""
        case .items(let items):
            if format == .json {
                let objects = items.map { item in Self.json(item, fields: fields) }
                return FieldValue.list(objects).jsonText + "\n"
            }
            let columns = fields ?? Self.defaultItemColumns
            let cell = format == .table ? shownCell : cell
            return render(
                Table(columns: columns, rows: items.map { item in columns.map { cell(item, $0) } }),
                as: format
            )
        case .table(let table):
            if let fields {
                let indexes = fields.compactMap { table.columns.firstIndex(of: $0) }
                return render(
                    Table(
                        columns: indexes.map { table.columns[$0] },
                        rows: table.rows.map { row in indexes.map { row[$0] } }
                    ),
                    as: format
                )
            }
            return render(table, as: format)
        }
    }

    /// One item, field by field (for `show`).
    public func renderDetail(_ item: Item, as format: OutputFormat, fields: [String]?) -> String {
        guard format == .table else { return render(.items([item]), as: format, fields: fields) }
        let names =
            fields ?? [
                "id", "type", "language", "slug", "title", "status", "public", "version", "author", "created",
                "updated",
            ]
            + item.fields.keys.sorted()
        let rows = names.map { [$0, shownCell(item, $0)] }
        return render(Table(columns: ["field", "value"], rows: rows), as: .table)
    }

    private func render(_ table: Table, as format: OutputFormat) -> String {
        switch format {
        case .count: return "\(table.rows.count)\n"
        case .ids:
            let column = table.columns.firstIndex(of: "id") ?? 0
            return table.rows.compactMap { $0.indices.contains(column) ? $0[column] : nil }.map { $0 + "\n" }.joined()
        case .csv: return CSVText.line(table.columns) + table.rows.map { CSVText.line($0.map { $0 ?? "" }) }.joined()
        case .json:
            let objects = table.rows.map { row in
                FieldValue.object(
                    Dictionary(uniqueKeysWithValues: zip(table.columns, row.map { $0.map(FieldValue.text) ?? .null }))
                )
            }
            return FieldValue.list(objects).jsonText + "\n"
        case .table: return TableText(table: table, width: width).render()
        }
    }

    /// An item's value for a column: a core property or a field.
    func cell(_ item: Item, _ column: String) -> String? {
        switch column {
        case "id": String(item.id)
        case "tenant": item.tenant
        case "type": item.type
        case "language": item.language
        case "slug": item.slug
        case "title": item.title
        case "status": item.status + Self.schedule(item)
        case "publish-at": item.publishAt.map { ISO8601DateFormatter().string(from: $0) }
        case "unpublish-at": item.unpublishAt.map { ISO8601DateFormatter().string(from: $0) }
        case "public": item.isPublic(at: Date(), publishedStates: publishedStates[item.type] ?? []) ? "yes" : "no"
        case "version": String(item.version)
        case "author": item.author
        case "created": ISO8601DateFormatter().string(from: item.createdAt)
        case "updated": ISO8601DateFormatter().string(from: item.updatedAt)
        case "deleted": item.deletedAt.map { ISO8601DateFormatter().string(from: $0) }
        default: item.fields[column].map(\.lineText)
        }
    }

    /// An item's value for a column as a table shows it to a person: a translation whose
    /// title is still empty says so, instead of showing nothing.
    func shownCell(_ item: Item, _ column: String) -> String? {
        if column == "title", item.title.isEmpty, let original = item.translationOf {
            return "(not translated yet: translation of \(original))"
        }
        return cell(item, column)
    }

    /// A published item's schedule, as a note after its status.
    static func schedule(_ item: Item) -> String {
        let formatter = ISO8601DateFormatter()
        var parts: [String] = []
        if let start = item.publishAt { parts.append("from " + formatter.string(from: start)) }
        if let end = item.unpublishAt { parts.append("until " + formatter.string(from: end)) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: " ") + ")"
    }

    /// An item as a JSON object; `fields` picks keys (core names or field names).
    static func json(_ item: Item, fields: [String]?) -> FieldValue {
        let formatter = ISO8601DateFormatter()
        var object: [String: FieldValue] = [
            "id": .integer(Int(item.id)), "tenant": .text(item.tenant), "type": .text(item.type),
            "language": .text(item.language), "slug": .text(item.slug), "title": .text(item.title),
            "status": .text(item.status), "version": .integer(item.version), "author": .text(item.author),
            "created": .text(formatter.string(from: item.createdAt)),
            "updated": .text(formatter.string(from: item.updatedAt)), "fields": .object(item.fields),
        ]
        if let deleted = item.deletedAt { object["deleted"] = .text(formatter.string(from: deleted)) }
        if let start = item.publishAt { object["publish-at"] = .text(formatter.string(from: start)) }
        if let end = item.unpublishAt { object["unpublish-at"] = .text(formatter.string(from: end)) }
        guard let fields else { return .object(object) }
        var picked: [String: FieldValue] = [:]
        for name in fields { picked[name] = object[name] ?? item.fields[name] ?? .null }
        return .object(picked)
    }
}
