public import Kernel
public import Postgres

/// Creates and lists tenants.
public struct TenantDirectory: Sendable {
    /// A directory.
    public init() {}

    /// Every tenant, by code.
    public func list(on connection: isolated Connection) throws -> [Tenant] {
        try connection.query(
            "select code, name, default_language, languages, archived_at is not null as archived from tenants order by code"
        ).map { row in
            Tenant(
                code: try row.decode(column: "code"),
                name: try row.decode(column: "name"),
                defaultLanguage: try row.decode(column: "default_language"),
                languages: try row.decode(column: "languages"),
                isArchived: try row.decode(column: "archived")
            )
        }
    }

    /// Creates `tenant`, or leaves an existing tenant with the same code as it is.
    /// - Returns: whether it was created.
    @discardableResult
    public func create(_ tenant: Tenant, on connection: isolated Connection) throws -> Bool {
        var issues: [ValidationIssue] = []
        let letters = Set("abcdefghijklmnopqrstuvwxyz")
        let codeCharacters = letters.union("0123456789-")
        if !(2...32).contains(tenant.code.count) || !letters.contains(tenant.code.first!)
            || !tenant.code.allSatisfy(codeCharacters.contains)
        {
            issues.append(
                ValidationIssue(
                    field: "code",
                    message:
                        "'\(tenant.code)' must be 2 to 32 lowercase letters, digits or hyphens, starting with a letter"
                )
            )
        }
        if tenant.name.isEmpty || tenant.name.count > 200 {
            issues.append(ValidationIssue(field: "name", message: "must be 1 to 200 characters"))
        }
        if !LanguageTag.isValid(tenant.defaultLanguage) {
            issues.append(
                ValidationIssue(field: "default_language", message: "'\(tenant.defaultLanguage)' is not a language tag")
            )
        }
        for language in tenant.languages where !LanguageTag.isValid(language) {
            issues.append(ValidationIssue(field: "languages", message: "'\(language)' is not a language tag"))
        }
        if !tenant.languages.contains(tenant.defaultLanguage) {
            issues.append(ValidationIssue(field: "languages", message: "must include the default language"))
        }
        if !issues.isEmpty { throw ValidationError(issues: issues) }
        let inserted = try change(
            """
            insert into tenants (code, name, default_language, languages)
            values (\(tenant.code), \(tenant.name), \(tenant.defaultLanguage), \(tenant.languages))
            on conflict (code) do nothing
            """,
            on: connection
        )
        return inserted == 1
    }

    /// Renames the tenant with `code`.
    /// - Throws: ``ContentError`` when there is no such tenant you may change.
    public func rename(_ code: String, to name: String, on connection: isolated Connection) throws {
        guard (1...200).contains(name.count) else {
            throw ValidationError(issues: [ValidationIssue(field: "name", message: "must be 1 to 200 characters")])
        }
        guard try change("update tenants set name = \(name) where code = \(code)", on: connection) == 1 else {
            throw ContentError(.unknownTenant, "there is no tenant '\(code)' you may change")
        }
    }

    /// Sets `setting` of the tenant with `code` to `value`.
    /// - Throws: ``ValidationError`` naming the setting for a value it does not take;
    ///   ``ContentError`` when there is no such tenant the person may change.
    public func configure(
        _ code: String,
        _ setting: TenantSetting,
        to value: String,
        on connection: isolated Connection
    ) throws {
        guard setting.values.contains(value) else {
            throw ValidationError(issues: [
                ValidationIssue(field: setting.rawValue, message: "must be " + setting.values.joined(separator: " or "))
            ])
        }
        let changed = try change(setting.update(code, to: value), on: connection)
        guard changed == 1 else { throw ContentError(.unknownTenant, "there is no tenant '\(code)' you may change") }
    }

    /// Whether approving a translation publishes it in the tenant with `code`
    /// (`on-approval`) or editors publish approved translations (`by-editor`).
    public func translationsPublish(_ code: String, on connection: isolated Connection) throws -> String {
        let rows = try connection.query("select translations_publish from tenants where code = \(code)")
        guard let row = rows.first else { throw ContentError(.unknownTenant, "there is no tenant '\(code)'") }
        return try row.decode(String.self, at: 0)
    }

    /// Archives the tenant with `code`: it stays readable and takes no more changes.
    public func archive(_ code: String, on connection: isolated Connection) throws {
        let changed = try change(
            "update tenants set archived_at = coalesce(archived_at, now()) where code = \(code)",
            on: connection
        )
        guard changed == 1 else { throw ContentError(.unknownTenant, "there is no tenant '\(code)' you may change") }
    }

    /// Runs `statement`, a change to tenants, which the database allows platform
    /// administrators alone.
    /// - Returns: how many tenants it changed.
    /// - Throws: ``ContentError`` (forbidden) for anyone else.
    private func change(_ statement: Query, on connection: isolated Connection) throws -> Int {
        do {
            return try connection.execute(statement)
        } catch let error as PostgresError where error.sqlState == .insufficientPrivilege {
            throw ContentError(.forbidden, "only platform administrators create and change tenants")
        }
    }
}
