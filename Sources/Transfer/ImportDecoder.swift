public import Kernel

/// Turns the records of an import file into validated rows: renames columns as the map
/// says, reads each cell or JSON value as its field's kind, and validates the item exactly
/// as a single `create` would (``ContentRules/prepare(_:in:)``).
///
/// ```swift
/// var decoder = try ImportDecoder(rules: rules, tenant: tenant, type: "practice", key: "slug", format: .csv)
/// while let record = try reader.next() {
///     switch decoder.decode(record) { case .row(let row): ...; case .rejected(let problems): ...; case .header: break }
/// }
/// ```
public struct ImportDecoder: Sendable {
    /// What a record turned out to be.
    public enum Outcome: Sendable {
        /// A CSV file's header, now understood.
        case header
        /// A valid row.
        case row(ImportRow)
        /// A row with problems, each naming its field.
        case rejected([RejectedRow])
    }

    /// What a CSV column holds.
    enum Column: Hashable {
        case title, slug, language, status, type, id, translationOf
        case field(String)
        case ignored
    }

    /// Core names an export writes that an import reads past: ids, versions, authors and
    /// times belong to the platform that exported them.
    static let ignoredNames: Set<String> = [
        "tenant", "version", "author", "created", "updated", "deleted", "revisions",
    ]

    private let rules: ContentRules
    private let tenant: Tenant
    private let type: ContentType?
    private let key: String
    private let format: TransferFormat
    private let columnMap: [String: String]
    /// The language of rows that name none; `nil`: the tenant's default.
    private let language: String?
    private var columns: [Column]?

    /// A decoder of rows of `type` (every registered type, each row naming its own, when
    /// `nil`) for `tenant`; rows that name no language are in `language` (the tenant's
    /// default when `nil`).
    /// - Throws: ``ImportFileError`` for a key that cannot identify items of the type.
    public init(
        rules: ContentRules,
        tenant: Tenant,
        type: String?,
        key: String,
        format: TransferFormat,
        columnMap: [String: String] = [:],
        language: String? = nil
    ) throws {
        self.rules = rules
        self.tenant = tenant
        self.type = try type.map { try rules.type($0) }
        self.key = key
        self.format = format
        self.columnMap = columnMap
        self.language = language
        guard key != "slug" else { return }
        guard let contentType = self.type else {
            throw ImportFileError("a file of every content type is matched by slug; --key \(key) needs one type")
        }
        guard let spec = contentType.field(key) else {
            throw ImportFileError("--key \(key): \(contentType.name) has no field \(key) (use slug or a field's name)")
        }
        switch spec.kind {
        case .list, .rows, .dateTime, .markdown, .boolean:
            throw ImportFileError("--key \(key): \(spec.kind.summary) cannot identify an item; use slug or an id field")
        default: break
        }
    }

    /// Whether the next record is a CSV file's header, which ``decode(_:)`` must see first.
    public var awaitsHeader: Bool { format == .csv && columns == nil }

    /// Understands one record: a CSV file's header first, then rows.
    /// - Throws: ``ImportFileError`` for a CSV header that cannot be used (an unknown or
    ///   repeated column, a missing required one, bytes that are not UTF-8).
    public mutating func decode(_ record: SourceRecord) throws(ImportFileError) -> Outcome {
        guard awaitsHeader else { return row(record) }
        if let problem = record.problem { throw ImportFileError(line: record.line, "the header row \(problem)") }
        guard case .cells(let cells) = record.values else { return row(record) }
        columns = try header(cells, line: record.line)
        return .header
    }

    /// Understands one row, once a CSV file's header was read; safe to call from several
    /// threads at once.
    public func row(_ record: SourceRecord) -> Outcome {
        if let problem = record.problem {
            return .rejected([RejectedRow(line: record.line, field: "row", reason: problem)])
        }
        switch record.values {
        case .cells(let cells):
            guard let columns else {
                return .rejected([RejectedRow(line: record.line, field: "row", reason: "comes before the header")])
            }
            return decode(cells: cells, columns: columns, line: record.line)
        case .object(let object):
            return decode(object: object, line: record.line)
        }
    }

    /// The header's columns, checked.
    private func header(_ names: [String], line: Int) throws(ImportFileError) -> [Column] {
        var columns: [Column] = []
        var seen: [String: Int] = [:]
        for (index, raw) in names.enumerated() {
            let name = rename(raw.trimmingWhitespace())
            guard !name.isEmpty else { throw ImportFileError(line: line, "column \(index + 1) has no name") }
            if let first = seen[name] {
                throw ImportFileError(
                    line: line,
                    "the column \(name) appears twice (columns \(first) and \(index + 1))"
                )
            }
            seen[name] = index + 1
            columns.append(try column(name, line: line))
        }
        guard columns.contains(.title) else {
            throw ImportFileError(line: line, "the header has no title column (every item needs a title)")
        }
        if type == nil && !columns.contains(.type) {
            throw ImportFileError(line: line, "the header has no type column (a file of every type names each row's)")
        }
        if key != "slug" && !columns.contains(.field(key)) {
            throw ImportFileError(line: line, "the header has no \(key) column, which --key \(key) matches items by")
        }
        if let type {
            let missing = type.fields.filter { $0.required && !columns.contains(.field($0.name)) }.map(\.name)
            if !missing.isEmpty {
                let noun = missing.count == 1 ? "column for the required field" : "columns for the required fields"
                throw ImportFileError(
                    line: line,
                    "the header has no \(noun) \(missing.joined(separator: ", ")) (\(type.name) requires them)"
                )
            }
        }
        return columns
    }

    private func column(_ name: String, line: Int) throws(ImportFileError) -> Column {
        switch name {
        case "title": return .title
        case "slug": return .slug
        case "language": return .language
        case "status": return .status
        case "type": return .type
        case "id": return .id
        case "translation_of": return .translationOf
        default: break
        }
        if Self.ignoredNames.contains(name) { return .ignored }
        let types = type.map { [$0] } ?? rules.registry.contentTypes
        if types.contains(where: { $0.field(name) != nil }) { return .field(name) }
        let known = ["title", "slug", "language", "status"] + types.flatMap { $0.fields.map(\.name) }
        let message =
            "the column \(name) is not a field of \(type?.name ?? "any content type")"
            + NameSuggestions.hint(name, among: known)
        throw ImportFileError(line: line, message + "; --map FILE renames columns")
    }

    private func rename(_ name: String) -> String {
        columnMap[name] ?? name
    }

    private func decode(cells: [String], columns: [Column], line: Int) -> Outcome {
        guard cells.count == columns.count else {
            return .rejected([
                RejectedRow(
                    line: line,
                    field: "row",
                    reason: "has \(cells.count) values but the header names \(columns.count) columns"
                )
            ])
        }
        var problems: [RejectedRow] = []
        var core: [Column: String] = [:]
        for (column, cell) in zip(columns, cells) {
            switch column {
            case .field, .ignored: continue
            default: core[column] = cell.isEmpty ? nil : cell
            }
        }
        let contentType: ContentType
        switch resolveType(core[.type], line: line) {
        case .type(let resolved): contentType = resolved
        case .problem(let problem): return .rejected([problem])
        }
        var values: [String: FieldValue] = [:]
        var covered: [String] = []
        for (column, cell) in zip(columns, cells) {
            guard case .field(let name) = column else { continue }
            guard let spec = contentType.field(name) else {
                if !cell.isEmpty {
                    problems.append(
                        RejectedRow(line: line, field: name, reason: "is not a field of \(contentType.name)")
                    )
                }
                continue
            }
            covered.append(name)
            do {
                if let value = try CellText.parse(cell, as: spec.kind) { values[name] = value }
            } catch {
                problems.append(RejectedRow(line: line, field: name, reason: error.description))
            }
        }
        for (column, name) in [(Column.id, "id"), (.translationOf, "translation_of")] {
            if let text = core[column], Int64(text) == nil {
                problems.append(RejectedRow(line: line, field: name, reason: "'\(text)' is not an item id"))
            }
        }
        return finish(
            line: line,
            type: contentType,
            title: core[.title] ?? "",
            slug: core[.slug],
            language: core[.language],
            status: core[.status],
            values: values,
            covered: covered,
            source: (core[.id].flatMap { Int64($0) }, core[.translationOf].flatMap { Int64($0) }),
            problems: problems
        )
    }

    private func decode(object raw: [String: FieldValue], line: Int) -> Outcome {
        var object = raw
        if !columnMap.isEmpty {
            object = [:]
            for (name, value) in raw { object[rename(name)] = value }
        }
        var problems: [RejectedRow] = []
        func text(_ name: String) -> String? {
            switch object[name] {
            case .none, .null: return nil
            case .text(let text): return text
            case .some(let other):
                problems.append(
                    RejectedRow(
                        line: line,
                        field: name,
                        reason: "must be text: expected a string, not \(other.jsonText)"
                    )
                )
                return nil
            }
        }
        let contentType: ContentType
        switch resolveType(text("type"), line: line) {
        case .type(let resolved): contentType = resolved
        case .problem(let problem): return .rejected([problem])
        }
        var values: [String: FieldValue] = [:]
        switch object["fields"] {
        case .none, .null: break
        case .object(let fields) where columnMap.isEmpty: values = fields
        case .object(let fields): for (name, value) in fields { values[rename(name)] = value }
        case .some(let other):
            problems.append(
                RejectedRow(
                    line: line,
                    field: "fields",
                    reason: "must be an object of field values: expected an object, not \(other.jsonText)"
                )
            )
        }
        for (name, value) in object where !Self.coreNames.contains(name) && !Self.ignoredNames.contains(name) {
            values[name] = value
        }
        if values.values.contains(.null) { values = values.filter { $0.value != .null } }
        let covered = contentType.fields.filter { !$0.isPrivate || values[$0.name] != nil }.map(\.name)
        func id(_ name: String) -> Int64? {
            switch object[name] {
            case .none, .null: return nil
            case .integer(let number): return Int64(number)
            case .some(let other):
                problems.append(
                    RejectedRow(
                        line: line,
                        field: name,
                        reason: "\(other.jsonText) is not an item id: expected a number such as 42"
                    )
                )
                return nil
            }
        }
        return finish(
            line: line,
            type: contentType,
            title: text("title") ?? "",
            slug: text("slug"),
            language: text("language"),
            status: text("status"),
            values: values,
            covered: covered,
            source: (id("id"), id("translation_of")),
            problems: problems
        )
    }

    private static let coreNames: Set<String> = [
        "title", "slug", "language", "status", "type", "fields", "id", "translation_of",
    ]

    /// A row's content type, or why it has none.
    private enum Resolution {
        case type(ContentType)
        case problem(RejectedRow)
    }

    private func resolveType(_ name: String?, line: Int) -> Resolution {
        if let type {
            guard let name, name != type.name else { return .type(type) }
            return .problem(
                RejectedRow(line: line, field: "type", reason: "is \(name), but this imports \(type.plural)")
            )
        }
        guard let name else {
            return .problem(RejectedRow(line: line, field: "type", reason: "is required in a file of every type"))
        }
        do {
            return .type(try rules.type(name))
        } catch {
            return .problem(RejectedRow(line: line, field: "type", reason: "\(error)"))
        }
    }

    private func finish(
        line: Int,
        type: ContentType,
        title: String,
        slug: String?,
        language: String?,
        status: String?,
        values: [String: FieldValue],
        covered: [String],
        source: (id: Int64?, translationOf: Int64?),
        problems: [RejectedRow]
    ) -> Outcome {
        var problems = problems
        var draft = ItemDraft(
            type: type.name,
            title: title,
            language: language ?? self.language,
            slug: slug,
            status: status,
            fields: values
        )
        // A translation in progress may still lack its title and required fields.
        draft.translationOf = source.translationOf
        var prepared: (draft: ItemDraft, slugBase: String)?
        do {
            prepared = try rules.prepare(draft, in: tenant)
        } catch let error as ValidationError {
            // A field whose value could not be read is not reported again as missing.
            let unread = Set(problems.map(\.field))
            problems += error.issues.filter { !unread.contains($0.field) }.map {
                RejectedRow(line: line, field: $0.field, reason: $0.message)
            }
        } catch {
            problems.append(RejectedRow(line: line, field: "row", reason: "\(error)"))
        }
        let finalSlug = slug ?? prepared?.slugBase ?? ""
        var keyValue = finalSlug
        if key != "slug" {
            switch values[key] {
            case .text(let text): keyValue = text
            case .integer(let number): keyValue = String(number)
            default:
                keyValue = ""
                problems.append(RejectedRow(line: line, field: key, reason: "needs a value: it is the import's key"))
            }
        }
        guard let prepared, problems.isEmpty else { return .rejected(problems) }
        var publicValues = prepared.draft.fields
        var privateValues: [String: FieldValue] = [:]
        for name in type.privateFields {
            if let value = publicValues.removeValue(forKey: name) { privateValues[name] = value }
        }
        return .row(
            ImportRow(
                line: line,
                type: type.name,
                language: prepared.draft.language!,
                languageGiven: language != nil,
                title: title,
                slug: finalSlug,
                slugGiven: slug != nil,
                status: status,
                initialStatus: type.workflow.initialState,
                fields: publicValues,
                privateFields: privateValues,
                covered: covered,
                key: keyValue,
                sourceID: source.id,
                sourceTranslationOf: source.translationOf
            )
        )
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
