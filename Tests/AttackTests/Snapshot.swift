import MicicTesting
import Postgres
import Testing

/// Everything an attack could change, read by the owner: an md5 of every row of every table
/// (in order), the attributes, settings and group memberships of the world's roles and of
/// the platform's group roles, and the schema's objects with their owners and privileges.
struct Snapshot: Equatable, Sendable {
    /// Each part by name (a table, "roles", "functions", ...).
    let parts: [String: String]

    static let tables = [
        "tenants", "principals", "memberships", "items", "item_revisions", "item_private_fields", "audit_log",
        "workflow_events", "translation_jobs", "workflow_transitions", "import_jobs", "micic_migrations",
    ]

    /// The state of `world` now.
    static func take(_ world: World) async throws -> Snapshot {
        var parts: [String: String] = [:]
        func read(_ query: Query) async throws -> String { try await world.ownerText(query) ?? "" }
        for table in tables {
            parts[table] = try await read(
                """
                select count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '')
                from \(identifier: table) t
                """
            )
        }
        // The world's roles are the owner, the platform's groups and every role whose name
        // starts with the database's (people, the public reader, and whatever an attack names).
        let fixed = [world.ownerName, "micic_people", "micic_admins", "micic_public"]
        let prefix = world.database.name + "_"
        parts["roles"] = try await read(
            """
            select string_agg(format('%s super=%s createrole=%s bypassrls=%s createdb=%s login=%s replication=%s settings=%s',
                r.rolname, r.rolsuper, r.rolcreaterole, r.rolbypassrls, r.rolcreatedb, r.rolcanlogin, r.rolreplication,
                (select array_agg(s.setconfig::text order by s.setdatabase) from pg_db_role_setting s where s.setrole = r.oid)),
                E'\\n' order by r.rolname)
            from pg_roles r where r.rolname = any (\(fixed)) or starts_with(r.rolname, \(prefix))
            """
        )
        parts["role memberships"] = try await read(
            """
            select coalesce(string_agg(format('%s in %s admin=%s', m.rolname, g.rolname, a.admin_option),
                E'\\n' order by m.rolname, g.rolname), '')
            from pg_auth_members a join pg_roles m on m.oid = a.member join pg_roles g on g.oid = a.roleid
            where m.rolname = any (\(fixed)) or starts_with(m.rolname, \(prefix))
            """
        )
        parts["relations"] = try await read(
            """
            select string_agg(format('%s %s owner=%s acl=%s rls=%s force=%s', c.oid::regclass, c.relkind,
                pg_get_userbyid(c.relowner), c.relacl, c.relrowsecurity, c.relforcerowsecurity),
                E'\\n' order by c.oid::regclass::text)
            from pg_class c where c.relnamespace = 'public'::regnamespace
            """
        )
        parts["functions"] = try await read(
            """
            select string_agg(format('%s definer=%s config=%s acl=%s owner=%s body=%s', p.oid::regprocedure, p.prosecdef,
                p.proconfig, p.proacl, pg_get_userbyid(p.proowner), md5(p.prosrc)), E'\\n' order by p.oid::regprocedure::text)
            from pg_proc p where p.pronamespace = 'public'::regnamespace
            """
        )
        parts["policies and triggers"] = try await read(
            """
            select (select string_agg(format('%s.%s %s %s %s %s', tablename, policyname, cmd, roles, qual, with_check),
                        E'\\n' order by tablename, policyname) from pg_policies where schemaname = 'public')
                || E'\\n' || (select string_agg(format('%s %s %s %s', tgrelid::regclass, tgname, tgenabled, tgfoid::regprocedure),
                        E'\\n' order by tgrelid::regclass::text, tgname) from pg_trigger where not tgisinternal)
            """
        )
        parts["database"] = try await read(
            """
            select format('schemas=%s database=%s settings=%s defaults=%s large objects=%s',
                (select string_agg(format('%s %s %s', nspname, pg_get_userbyid(nspowner), nspacl), ', ' order by nspname)
                 from pg_namespace where nspname !~ '^pg_(toast_)?temp_'),
                (select datacl from pg_database where datname = current_database()),
                (select array_agg(s.setconfig::text) from pg_db_role_setting s join pg_database d on d.oid = s.setdatabase
                 where d.datname = current_database() and s.setrole = 0),
                (select string_agg(format('%s %s %s %s', defaclrole::regrole, defaclnamespace, defaclobjtype, defaclacl), ', '
                    order by defaclrole::regrole::text, defaclnamespace, defaclobjtype) from pg_default_acl),
                (select count(*) from pg_largeobject_metadata))
            """
        )
        return Snapshot(parts: parts)
    }

    /// The names of the parts that differ from `other`.
    func differences(from other: Snapshot) -> [String] {
        Set(parts.keys).union(other.parts.keys).filter { parts[$0] != other.parts[$0] }.sorted()
    }
}

extension World {
    /// Runs `attack`, then expects every row, role and privilege to be as it was before.
    /// When something changed, the owner puts `items` and `jobs` back as they were, so the
    /// next attack meets the same world.
    /// - Parameter what: the attack, for the failure's message.
    func expectUntouched(
        _ what: @autoclosure () -> String,
        restoring items: [Int64] = [],
        jobs: [Int64] = [],
        sourceLocation: SourceLocation = #_sourceLocation,
        _ attack: () async throws -> Void
    ) async throws {
        let before = try await Snapshot.take(self)
        let itemRows = try await rows(of: "items", ids: items)
        let jobRows = try await rows(of: "translation_jobs", ids: jobs)
        try await attack()
        let after = try await Snapshot.take(self)
        let changed = after.differences(from: before)
        #expect(changed.isEmpty, "\(what()) changed \(changed.joined(separator: ", "))", sourceLocation: sourceLocation)
        guard !changed.isEmpty else { return }
        for row in itemRows {
            try await owner.execute(
                """
                update items i set (tenant_id, type, language, translation_of, slug, title, status, version, fields, author,
                                    created_at, updated_at, deleted_at, publish_at, unpublish_at)
                    = (r.tenant_id, r.type, r.language, r.translation_of, r.slug, r.title, r.status, r.version, r.fields,
                       r.author, r.created_at, r.updated_at, r.deleted_at, r.publish_at, r.unpublish_at)
                from jsonb_populate_record(null::items, \(row)::jsonb) r where i.id = r.id
                """
            )
        }
        for row in jobRows {
            try await owner.execute(
                """
                update translation_jobs j set (tenant_id, source_id, source_version, target_id, language, translator, reviewer,
                                               due, status, source_hashes, outdated_fields, version, created_by, created_at)
                    = (r.tenant_id, r.source_id, r.source_version, r.target_id, r.language, r.translator, r.reviewer, r.due,
                       r.status, r.source_hashes, r.outdated_fields, r.version, r.created_by, r.created_at)
                from jsonb_populate_record(null::translation_jobs, \(row)::jsonb) r where j.id = r.id
                """
            )
        }
    }

    /// Expects each of `statements`, in turn, to be refused for `attacker` and to leave
    /// everything as it was (putting `items` and `jobs` back when it did not).
    func expectEachRefused(
        _ statements: [Query],
        by attacker: Attacker,
        on connection: Connection,
        restoring items: [Int64] = [],
        jobs: [Int64] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        for statement in statements {
            try await expectUntouched(
                "\(attacker): \(statement)",
                restoring: items,
                jobs: jobs,
                sourceLocation: sourceLocation
            ) {
                await expectRefused(statement, by: attacker.rawValue, on: connection, sourceLocation: sourceLocation)
            }
        }
    }

    /// The rows of `table` with `ids`, each as JSON text.
    private func rows(of table: String, ids: [Int64]) async throws -> [String] {
        guard !ids.isEmpty else { return [] }
        return try await owner.query("select to_jsonb(t)::text from \(identifier: table) t where id = any (\(ids))").map
        {
            $0.text(at: 0) ?? "{}"
        }
    }
}
