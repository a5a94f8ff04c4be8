internal import Kernel

/// Reading a content verb's arguments: the item one names, field values, list filters.
extension Invocation {
    /// The whole number given to `--name`, or `nil` when the flag is absent.
    func number(_ name: String) throws -> Int? {
        guard let text = arguments.value(name) else { return nil }
        guard let number = Int(text) else { throw CommandError.usage("--\(name) needs a whole number") }
        return number
    }

    /// The item named by the one positional argument: an id, or a slug (in `--language`,
    /// else the tenant's default language).
    func find(one type: ContentType, tenant: String) async throws -> Item {
        guard arguments.positional.count == 1, let key = arguments.positional.first else {
            throw CommandError.usage("\(type.name) needs one id or slug")
        }
        if let id = Int64(key) { return try await item(id, of: type, tenant: tenant) }
        var language = arguments.value("language") ?? ""
        if language.isEmpty { language = try await store.tenant(tenant).defaultLanguage }
        return try await store.item(slug: key, type: type.name, language: language, tenant: tenant)
    }

    /// Field values from the flags named after fields.
    func fieldValues(type: ContentType) throws -> [String: FieldValue] {
        var values: [String: FieldValue] = [:]
        for field in type.fields {
            let flag = field.name.replacing("_", with: "-")
            guard let text = arguments.value(flag) else { continue }
            values[field.name] = try ValueParser.parse(text, as: field.kind, field: flag)
        }
        return values
    }

    /// The list query the filter flags of `arguments` ask for.
    func listQuery(type: ContentType, _ arguments: CommandArguments) throws -> ItemQuery {
        var query = ItemQuery(type: type.name, language: arguments.value("language"))
        query.statuses = arguments.list("status")
        for status in query.statuses where !type.workflow.states.contains(status) {
            throw CommandError.usage(
                "--status \(status): the states are " + type.workflow.states.joined(separator: ", ")
            )
        }
        query.trashed = arguments.has("trash")
        query.publicOnly = arguments.has("public")
        query.authors = arguments.list("author")
        if let limit = try arguments.wholeNumber("limit", in: 1...1000) { query.limit = limit }
        if let sort = arguments.value("sort") {
            guard let order = ItemSort(rawValue: sort) else {
                throw CommandError.usage(
                    "--sort must be one of " + ItemSort.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            query.sort = order
        }
        for field in type.fields where !field.isPrivate {
            switch field.kind {
            case .date, .dateTime:
                let from = arguments.value("\(field.filterName)-after")
                let to = arguments.value("\(field.filterName)-before")
                for (flag, bound) in [("after", from), ("before", to)] {
                    if let bound, CalendarDate(bound) == nil {
                        throw CommandError.usage(
                            "--\(field.filterName)-\(flag) takes a date written YYYY-MM-DD, not '\(bound)'"
                        )
                    }
                }
                if from != nil || to != nil { query.filters.append(.between(field.name, from: from, to: to)) }
            default:
                guard let texts = arguments.values[field.filterName] else { continue }
                let values = try Self.filterValues(texts, for: field)
                if case .list = field.kind {
                    query.filters.append(.contains(field.name, values))
                } else {
                    query.filters.append(.oneOf(field.name, values))
                }
            }
        }
        return query
    }

    /// The values given to a field's filter flag (each may list several), read and checked
    /// as the field's kind (a list field's elements).
    static func filterValues(_ texts: [String], for field: FieldSpec) throws -> [FieldValue] {
        let element = field.kind.element
        let values = try texts.flatMap(ValueParser.splitList).map {
            try ValueParser.parse($0, as: element, field: field.filterName)
        }
        for value in values {
            let issues = FieldValidator().check(value, as: element, field: field.filterName)
            if let issue = issues.first { throw CommandError.usage("--\(issue.field): \(issue.message)") }
        }
        return values
    }
}
