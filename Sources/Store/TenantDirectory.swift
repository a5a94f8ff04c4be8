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
        let inserted = try connection.execute(
            """
            insert into tenants (code, name, default_language, languages)
            values (\(tenant.code), \(tenant.name), \(tenant.defaultLanguage), \(tenant.languages))
            on conflict (code) do nothing
            """
        )
        return inserted == 1
    }
}
