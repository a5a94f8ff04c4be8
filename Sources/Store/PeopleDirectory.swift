public import Kernel
public import Postgres

/// People and their memberships, through the database's own functions, which check that
/// the person connected may do it (see the kernel's people migration).
public struct PeopleDirectory: Sendable {
    /// A directory.
    public init() {}

    /// Name, display name, whether disabled or a platform administrator, and memberships
    /// (`cr:editor`, `cr:translator(es)`), for every person.
    public func list(on connection: isolated Connection) throws -> [[String?]] {
        try connection.query(
            """
            select p.name, p.display_name,
                   case when p.disabled_at is null then 'no' else 'yes' end as disabled,
                   case when pg_has_role(p.name, 'micic_admins', 'member') then 'yes' else 'no' end as platform_admin,
                   coalesce(string_agg(t.code || ':' || m.role
                       || case when cardinality(m.languages) > 0 then '(' || array_to_string(m.languages, ',') || ')' else '' end,
                       '; ' order by t.code), '') as memberships
            from principals p
            left join memberships m on m.principal = p.name
            left join tenants t on t.id = m.tenant_id
            group by p.name, p.display_name, p.disabled_at
            order by p.name
            """
        ).map(\.texts)
    }

    /// Creates a person who can log in with `password`: the one way every part of the
    /// platform makes a person. The password is encrypted here, on the client, with
    /// ``Postgres/Connection/encryptPassword(_:user:)``; only its SCRAM verifier reaches the
    /// server, which stores it as it is (and refuses anything else).
    public func create(_ name: String, password: String, displayName: String, on connection: isolated Connection) throws
    {
        let verifier = try connection.encryptPassword(password, user: name)
        try connection.execute("select micic_create_person(\(name), \(verifier), \(displayName))")
    }

    /// Gives `person` a role in the tenant with `code`.
    public func grant(
        _ person: String,
        role: Role,
        tenant code: String,
        languages: [String],
        on connection: isolated Connection
    )
        throws
    {
        try connection.execute("select micic_set_membership(\(code), \(person), \(role.rawValue), \(languages))")
    }

    /// Removes `person`'s membership of the tenant with `code`.
    public func revoke(_ person: String, tenant code: String, on connection: isolated Connection) throws {
        try connection.execute("select micic_remove_membership(\(code), \(person))")
    }

    /// Stops `person` from logging in.
    public func disable(_ person: String, on connection: isolated Connection) throws {
        try connection.execute("select micic_disable_person(\(person))")
    }

    /// Makes `person` a platform administrator.
    public func makePlatformAdmin(_ person: String, on connection: isolated Connection) throws {
        try connection.execute("select micic_make_platform_admin(\(person))")
    }

    /// Whether `person` is a person of this database (one the person connected may see).
    public func exists(_ person: String, on connection: isolated Connection) throws -> Bool {
        try !connection.query("select 1 from principals where name = \(person)").isEmpty
    }

    /// Whether the server has a role called `name` (roles belong to the whole server, so
    /// another database of it may have made it).
    public func roleExists(_ name: String, on connection: isolated Connection) throws -> Bool {
        try !connection.query("select 1 from pg_roles where rolname = \(name)").isEmpty
    }

    /// Records the role `name`, made elsewhere, as a person of this database.
    public func adopt(_ name: String, displayName: String, on connection: isolated Connection) throws {
        try connection.execute("insert into principals (name, display_name) values (\(name), \(displayName))")
    }

    /// Whether the person connected is a platform administrator.
    public func isPlatformAdmin(on connection: isolated Connection) throws -> Bool {
        try connection.query("select micic_is_platform_admin()")[0].decode(Bool.self, at: 0)
    }
}
