internal import Foundation
internal import Kernel
internal import Postgres

/// Turns an ``ItemQuery`` into one SQL statement, every value bound, ready for keyset paging.
struct ItemListQuery {
    let query: ItemQuery
    let type: ContentType?
    let tenantID: Int64
    /// The columns read: a person's (``ItemColumns/list``) or the public's.
    var columns = ItemColumns.list

    /// The statement; it asks for one row more than the page to know whether another follows.
    var statement: Query {
        get throws {
            var sql = try selection
            if let cursor = query.after { sql.append(try keyset(cursor)) }
            sql.append(order)
            sql.append(" limit \(query.limit + 1)")
            return sql
        }
    }

    /// The number of items the query matches on every page.
    var countStatement: Query {
        get throws {
            var matching = self
            matching.columns = "items.id"
            var sql: Query = "select count(*) from ("
            sql.append(try matching.selection)
            sql.append(") as matches")
            return sql
        }
    }

    /// The counts of each value of each of `facets` among every item the query matches (on
    /// every page); see ``FacetCountQuery``.
    func facetStatement(_ facets: [String], rules: ContentRules) throws -> Query {
        var matching = self
        matching.columns = "items.id, items.type, items.facets"
        return try FacetCountQuery(
            facets: facets,
            types: type.map { [$0] } ?? rules.registry.contentTypes,
            rules: rules
        )
        .statement(matches: try matching.selection)
    }

    /// Every matching item, in no order, with no paging.
    private var selection: Query {
        get throws {
            let chain = query.fallbackLanguages
            var sql: Query =
                chain.isEmpty ? "select " : "select * from (select distinct on (coalesce(translation_of, id)) "
            sql.append(columns)
            sql.append(" from items where tenant_id = \(tenantID)")
            sql.append(query.trashed ? " and deleted_at is not null" : " and deleted_at is null")
            if let type = query.type { sql.append(" and type = \(type)") }
            if query.publicOnly { sql.append(" and micic_is_public(type, status, publish_at, unpublish_at)") }
            if !chain.isEmpty {
                sql.append(" and language = any(\(chain))")
            } else if let language = query.language {
                sql.append(" and language = \(language)")
            }
            if query.statuses.count == 1 {
                sql.append(" and status = \(query.statuses[0])")
            } else if !query.statuses.isEmpty {
                sql.append(" and status = any(\(query.statuses))")
            }
            if !query.authors.isEmpty { sql.append(" and author = any(\(query.authors))") }
            if let before = query.updatedBefore { sql.append(" and updated_at < \(before)") }
            for filter in query.filters { sql.append(try condition(filter)) }
            if !chain.isEmpty {
                // One version per original: the one in the most wanted language.
                sql.append(
                    " order by coalesce(translation_of, id), array_position(\(chain), language)) as items where true"
                )
            }
            return sql
        }
    }

    private var order: Query {
        switch query.sort {
        case .updatedDescending: " order by updated_at desc, id desc"
        case .updatedAscending: " order by updated_at, id"
        case .titleAscending: " order by title, id"
        case .idAscending: " order by id"
        }
    }

    private func keyset(_ cursor: ItemCursor) throws -> Query {
        switch query.sort {
        case .updatedDescending:
            return " and (updated_at, id) < (\(try Self.date(cursor.key))::timestamptz, \(cursor.id))"
        case .updatedAscending:
            return " and (updated_at, id) > (\(try Self.date(cursor.key))::timestamptz, \(cursor.id))"
        case .titleAscending: return " and (title, id) > (\(cursor.key), \(cursor.id))"
        case .idAscending: return " and id > \(cursor.id)"
        }
    }

    /// The page of items that `statement` (a list statement of `query`) reads on
    /// `connection`, planned generically, without the extra row read to know whether
    /// another page follows.
    ///
    /// Its rows are read as they arrive, while the server looks for the next ones, rather
    /// than all at once when the last is found; each item's fields are parsed then when
    /// `parsingFields` says so (for callers that read every field), else when first read.
    static func page(
        of statement: Query,
        query: ItemQuery,
        tenant: String,
        parsingFields: Bool,
        on connection: isolated Connection
    ) throws -> ItemPage {
        var items: [Item] = []
        items.reserveCapacity(query.limit + 1)
        try ItemRowReader.stream(statement, plan: .generic, parsingFields: parsingFields, on: connection) {
            reader,
            row in
            items.append(try reader.item(from: row, tenant: tenant))
        }
        var next: ItemCursor?
        if items.count > query.limit {
            items.removeLast()
            next = items.last.map { cursor(after: $0, sort: query.sort) }
        }
        return ItemPage(items: items, next: next)
    }

    /// The cursor after `item` for `sort`.
    static func cursor(after item: Item, sort: ItemSort) -> ItemCursor {
        switch sort {
        case .updatedDescending, .updatedAscending:
            ItemCursor(key: String(item.updatedAt.timeIntervalSince1970), id: item.id)
        case .titleAscending: ItemCursor(key: item.title, id: item.id)
        case .idAscending: ItemCursor(key: "", id: item.id)
        }
    }

    private static func date(_ key: String) throws -> Date {
        guard let seconds = Double(key) else {
            throw ContentError(.invalidState, "the page cursor is not valid; start from the first page")
        }
        return Date(timeIntervalSince1970: seconds)
    }

    private func condition(_ filter: ItemFilter) throws -> Query {
        switch filter {
        case .equals(let field, let value):
            try check(field)
            return " and fields ->> \(field) = \(Self.text(value))"
        case .oneOf(let field, let values):
            try check(field)
            return " and fields ->> \(field) = any(\(values.map(Self.text)))"
        case .contains(let field, let values):
            try check(field)
            // Facets (see the kernel's item_facets migration) hold "field=value" entries.
            // Written as the function behind `&&`, which the planner cannot match to the GIN
            // index: list pages are prepared once with a generic plan, and without values the
            // planner would take any facet for a rare one and choose the GIN index and a sort
            // of every match over walking the list index newest first (see `list`).
            return " and arrayoverlap(facets, \(values.map { field + "=" + Self.text($0) })::text[])"
        case .between(let field, let from, let to):
            let spec = try check(field)
            // The key is written into the statement (not bound) so that plugins' expression
            // indexes on it apply; it is a registered field name, checked to be [a-z0-9_].
            guard field.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
                throw ValidationError(issues: [ValidationIssue(field: field, message: "is not a field name")])
            }
            let key = Query(unsafeSQL: "'\(field)'")
            let path: Query =
                if case .dateTime = spec?.kind { "(fields -> \(key) ->> 'utc')" } else { "(fields ->> \(key))" }
            var sql: Query = ""
            if let from { sql.append(" and " + path + " >= \(from)") }
            if let to { sql.append(" and " + path + " < \(to)") }
            return sql
        }
    }

    /// The field's specification; an unknown field is an error when the type is known.
    @discardableResult
    private func check(_ field: String) throws -> FieldSpec? {
        guard let type else { return nil }
        guard let spec = type.field(field) else {
            throw ValidationError(issues: [ValidationIssue(field: field, message: "is not a field of \(type.name)")])
        }
        return spec
    }

    /// The text `->>` yields for a value.
    private static func text(_ value: FieldValue) -> String {
        switch value {
        case .text(let text): text
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        default: value.jsonText
        }
    }
}
