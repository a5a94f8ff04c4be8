/// A kind of content a plugin defines: its fields, rules and workflow.
///
/// ```swift
/// let news = ContentType(name: "news", plural: "news", label: "News", fields: [
///     FieldSpec("summary", .markdown(maxLength: 600)),
///     FieldSpec("published_on", .date, required: true, shared: true),
/// ])
/// ```
public struct ContentType: Sendable {
    /// The singular name, used as the shell's noun (`practice`).
    public let name: String
    /// The plural name (`practices`).
    public let plural: String
    /// The label people read.
    public let label: String
    /// The fields beyond the title.
    public let fields: [FieldSpec]
    /// The longest title allowed.
    public let titleLimit: Int
    /// The workflow items of this type follow.
    public let workflow: Workflow
    /// Checks that span several fields (an event's end after its start).
    public let rules: [@Sendable ([String: FieldValue]) -> [ValidationIssue]]

    /// A content type.
    public init(
        name: String,
        plural: String,
        label: String,
        fields: [FieldSpec],
        titleLimit: Int = 300,
        workflow: Workflow = .editorial,
        rules: [@Sendable ([String: FieldValue]) -> [ValidationIssue]] = []
    ) {
        self.name = name
        self.plural = plural
        self.label = label
        self.fields = fields
        self.titleLimit = titleLimit
        self.workflow = workflow
        self.rules = rules
    }

    /// The field called `name`.
    public func field(_ name: String) -> FieldSpec? {
        fields.first { $0.name == name }
    }

    /// The field whose list filter is `--flag`.
    public func field(filter flag: String) -> FieldSpec? {
        fields.first { $0.filterName == flag || $0.name == flag }
    }

    /// Every problem with a title and field values, for a tenant publishing in `languages`.
    /// A translation in progress (`complete` false) may still lack its title and required
    /// fields.
    public func validate(
        title: String,
        fields values: [String: FieldValue],
        languages: [String] = [],
        complete: Bool = true
    ) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        let trimmed = title.trimmingWhitespace()
        if trimmed.isEmpty {
            if complete { issues.append(ValidationIssue(field: "title", message: "is required")) }
        } else if title.hasLineBreak {
            issues.append(ValidationIssue(field: "title", message: "must be a single line"))
        } else if title.isLonger(than: titleLimit) {
            issues.append(
                ValidationIssue(
                    field: "title",
                    message: "is \(title.count) characters long; the limit is \(titleLimit)"
                )
            )
        }
        let fieldIssues = FieldValidator(languages: languages).validate(values, against: fields, requireAll: complete)
        issues += fieldIssues
        if fieldIssues.isEmpty {
            for rule in rules { issues += rule(values) }
        }
        return issues
    }

    /// The fields a translation carries in its own language: the title and every
    /// translatable field that is not private, in the order people read them.
    public var translatableFields: [String] {
        ["title"] + fields.filter { $0.translatable && !$0.isPrivate }.map(\.name)
    }

    /// The fields copied from an item to its translations.
    public var sharedFields: [String] {
        fields.filter(\.shared).map(\.name)
    }

    /// The private fields (readable by editors and admins only).
    public var privateFields: [String] {
        fields.filter(\.isPrivate).map(\.name)
    }
}
