internal import Foundation

/// Checks field values against their specifications, reporting every problem at once.
///
/// ```swift
/// let issues = FieldValidator(languages: ["en", "es"]).validate(fields, against: practice.fields)
/// ```
public struct FieldValidator: Sendable {
    /// The language tags allowed for `.language` fields (the tenant's); empty allows any
    /// valid tag.
    public var languages: [String]

    /// A validator for a tenant publishing in `languages`.
    public init(languages: [String] = []) {
        self.languages = languages
    }

    /// The problems in `values`: unknown fields, missing required ones (unless
    /// `requireAll` is false, for work in progress), and values that do not fit their kind.
    public func validate(
        _ values: [String: FieldValue],
        against specs: [FieldSpec],
        prefix: String = "",
        requireAll: Bool = true
    )
        -> [ValidationIssue]
    {
        var issues: [ValidationIssue] = []
        let known = Set(specs.map(\.name))
        for name in values.keys.sorted() where !known.contains(name) {
            let message = "is not a field of this type" + NameSuggestions.hint(name, among: specs.map(\.name))
            issues.append(ValidationIssue(field: prefix + name, message: message))
        }
        for spec in specs {
            let value = values[spec.name] ?? .null
            if value.isEmpty {
                if spec.required && requireAll {
                    issues.append(ValidationIssue(field: prefix + spec.name, message: "is required"))
                }
                continue
            }
            issues += check(value, as: spec.kind, field: prefix + spec.name)
        }
        return issues
    }

    /// The problems with one non-empty value of `kind`, reported under `field`.
    public func check(_ value: FieldValue, as kind: FieldKind, field: String) -> [ValidationIssue] {
        func issue(_ message: String) -> [ValidationIssue] { [ValidationIssue(field: field, message: message)] }
        /// A value of the wrong JSON type: what was expected instead.
        func wrong(_ message: String, expected: String) -> [ValidationIssue] {
            issue("\(message): expected \(expected), not \(value.jsonText)")
        }
        switch kind {
        case .text(let maxLength):
            guard let text = value.textValue else { return wrong("must be text", expected: "a string") }
            if text.hasLineBreak { return issue("must be a single line") }
            if text.isLonger(than: maxLength) {
                return issue("is \(text.count) characters long; the limit is \(maxLength)")
            }
        case .markdown(let maxLength):
            guard let text = value.textValue else { return wrong("must be text", expected: "a string") }
            if let maxLength, text.isLonger(than: maxLength) {
                return issue("is \(text.count) characters long; the limit is \(maxLength)")
            }
        case .choice(let vocabulary):
            guard let code = value.textValue else {
                let example = vocabulary.terms.first.map { " such as \"\($0.code)\"" } ?? ""
                return wrong("must be one \(vocabulary.name) code", expected: "a string" + example)
            }
            if !vocabulary.contains(code) { return issue(unknownTerm(code, in: vocabulary)) }
        case .country:
            guard let code = value.textValue else {
                return wrong("must be a country code", expected: "a string such as \"CR\"")
            }
            if !Vocabulary.countries.contains(code) {
                return issue("'\(code)' is not an ISO 3166-1 alpha-2 country code (such as CR or PH) nor global")
            }
        case .integer(let range):
            guard case .integer(let number) = value else {
                return wrong("must be a whole number", expected: "a number such as \(range.lowerBound)")
            }
            if !range.contains(number) {
                return issue("must be from \(range.lowerBound) to \(range.upperBound), not \(number)")
            }
        case .boolean:
            guard case .boolean = value else { return wrong("must be true or false", expected: "true or false") }
        case .date:
            guard let text = value.textValue, CalendarDate(text) != nil else {
                return issue("must be a date written YYYY-MM-DD")
            }
        case .dateTime:
            return checkDateTime(value, field: field)
        case .url:
            guard let text = value.textValue, Self.isURL(text) else {
                return issue("must be an absolute http or https URL (https://example.org/page)")
            }
        case .email:
            guard let text = value.textValue, Self.isEmail(text) else {
                return issue("must be an e-mail address (name@example.org)")
            }
        case .language:
            guard let tag = value.textValue, LanguageTag.isValid(tag) else {
                return issue("'\(value)' is not a BCP-47 language tag (such as es, fr or zh-Hans)")
            }
            if !languages.isEmpty && !languages.contains(tag) {
                return issue("'\(tag)' is not one of the tenant's languages (\(languages.joined(separator: ", ")))")
            }
        case .duration:
            guard let text = value.textValue, ISODuration(text) != nil else {
                return issue("must be an ISO 8601 duration such as PT2H, PT45M or P1DT4H")
            }
        case .reference(let type):
            guard case .integer(let id) = value, id > 0 else { return issue("must be the id of a \(type)") }
        case .rows(let specs):
            guard let rows = value.listValue else {
                return wrong("must be a list of rows", expected: "an array of objects")
            }
            var issues: [ValidationIssue] = []
            for (index, row) in rows.enumerated() {
                guard case .object(let fields) = row else {
                    issues.append(ValidationIssue(field: "\(field)[\(index + 1)]", message: "must be a row of fields"))
                    continue
                }
                issues += validate(fields, against: specs, prefix: "\(field)[\(index + 1)].")
            }
            return issues
        case .list(let element, let maxItems):
            guard let items = value.listValue else { return wrong("must be a list", expected: "an array") }
            if items.count > maxItems { return issue("has \(items.count) entries; the limit is \(maxItems)") }
            // Short lists (most) find a repeat by comparing: quicker than hashing each entry.
            var seen = Set<FieldValue>()
            var issues: [ValidationIssue] = []
            for (index, item) in items.enumerated() {
                let repeated = items.count <= 16 ? items[..<index].contains(item) : !seen.insert(item).inserted
                if repeated {
                    issues.append(ValidationIssue(field: field, message: "lists '\(item)' twice"))
                } else if item.isEmpty {
                    issues.append(ValidationIssue(field: field, message: "has an empty entry"))
                } else {
                    issues += check(item, as: element, field: field)
                }
            }
            return issues
        }
        return []
    }

    private func unknownTerm(_ code: String, in vocabulary: Vocabulary) -> String {
        var message = "'\(code)' is not a known \(vocabulary.name)"
        let suggestions = vocabulary.suggestions(for: code)
        if !suggestions.isEmpty {
            message += " (did you mean \(suggestions.joined(separator: " or "))?)"
        } else if vocabulary.terms.count <= 20 {
            message += "; expected one of " + vocabulary.terms.map(\.code).joined(separator: ", ")
        }
        return message
    }

    private func checkDateTime(_ value: FieldValue, field: String) -> [ValidationIssue] {
        guard case .object(let parts) = value, let instant = parts["utc"]?.textValue,
            let zone = parts["zone"]?.textValue
        else {
            return [ValidationIssue(field: field, message: "must be a date and time with a time zone")]
        }
        var issues: [ValidationIssue] = []
        if ZonedDateTime.instant(from: instant) == nil {
            issues.append(
                ValidationIssue(field: field, message: "'\(instant)' is not a UTC time (2017-12-04T15:00:00Z)")
            )
        }
        if TimeZone(identifier: zone) == nil {
            issues.append(
                ValidationIssue(field: field, message: "'\(zone)' is not an IANA time zone (America/Costa_Rica)")
            )
        }
        return issues
    }

    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, !text.contains(where: \.isWhitespace) else {
            return false
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && labels.last!.count >= 2 && labels.last!.allSatisfy(\.isLetter)
    }
}
