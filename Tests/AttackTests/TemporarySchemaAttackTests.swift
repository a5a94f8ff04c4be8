import Postgres
import Testing

/// Definer functions cannot be hijacked through the temporary schema: an attacker who
/// shadows what they read (a table, a catalog) with a temporary table of forged rows, or
/// with a temporary view that runs the attacker's code as the functions' owner, reads only
/// what they could read before, writes nothing they could not, and gains no role.
@Suite struct TemporarySchemaAttackTests {
    /// What each attacker reads, every table named with its schema so that the attacker's
    /// own temporary objects are not what they read; the look-ups the policies use too.
    static func reads(_ world: World) -> [Query] {
        [
            "select string_agg(tenant_id || ':' || id || ':' || status, ',' order by tenant_id, id) from public.items",
            """
            select string_agg(tenant_id || ':' || item_id || ':' || md5(fields::text), ',' order by tenant_id, item_id)
            from public.item_private_fields
            """,
            "select string_agg(id::text, ',' order by id) from public.tenants",
            """
            select string_agg(tenant_id || ':' || principal || ':' || role, ',' order by tenant_id, principal)
            from public.memberships
            """,
            "select string_agg(name, ',' order by name) from public.principals",
            """
            select string_agg(tenant_id || ':' || id || ':' || status, ',' order by tenant_id, id)
            from public.translation_jobs
            """,
            """
            select string_agg(tenant_id || ':' || item_id || ':' || version, ',' order by tenant_id, item_id, version)
            from public.item_revisions
            """,
            "select string_agg(tenant_id || ':' || id, ',' order by tenant_id, id) from public.audit_log",
            "select string_agg(tenant_id || ':' || id, ',' order by tenant_id, id) from public.workflow_events",
            "select string_agg(tenant_id || ':' || id, ',' order by tenant_id, id) from public.import_jobs",
            "select public.micic_tenants()::text",
            "select public.micic_tenants('{admin}')::text",
            "select public.micic_role_in(\(world.b.id))",
            "select public.micic_is_platform_admin()::text",
            "select public.micic_public_next_change(\(world.b.id))::text",
        ]
    }

    /// What `attacker` reads, each answer or "refused".
    static func read(_ world: World, on connection: Connection) async -> [String] {
        var answers: [String] = []
        for query in reads(world) {
            let outcome = await connection.attempt(query)
            answers.append(outcome.isRefusal ? "refused" : outcome.answer ?? "null")
        }
        return answers
    }

    /// Statements `attacker` may not run with effect: `refused` must raise an error,
    /// `unchanged` may also find no row it may change. (A platform administrator may write
    /// everywhere; what they must not gain is a role.)
    static func writes(_ world: World, by attacker: Attacker) -> (refused: [Query], unchanged: [Query]) {
        guard attacker != .platformAdmin else { return ([], []) }
        let a = world.a
        let b = world.b
        var refused: [Query] = [
            """
            insert into public.items (tenant_id, type, language, slug, title, status, author)
            values (\(b.id), 'note', 'en', 'seized', 'Seized', 'draft', session_user)
            """,
            """
            insert into public.memberships (tenant_id, principal, role) values (\(b.id), session_user, 'admin')
            on conflict (tenant_id, principal) do update set role = 'admin'
            """,
            "select public.micic_set_membership('tb', session_user::text, 'admin', '{}')",
        ]
        var unchanged: [Query] = [
            "update public.items set title = 'Seized' where tenant_id = \(b.id)",
            "delete from public.items where tenant_id = \(b.id)",
            "update public.item_private_fields set fields = '{\"contact\": \"seized@example.org\"}' where tenant_id = \(b.id)",
            "update public.translation_jobs set status = 'approved' where tenant_id = \(b.id)",
            "update public.memberships set role = 'admin' where principal = session_user and role <> 'admin'",
        ]
        guard attacker != .admin else { return (refused, unchanged) }
        refused.append(
            """
            insert into public.memberships (tenant_id, principal, role) values (\(a.id), session_user, 'admin')
            on conflict (tenant_id, principal) do update set role = 'admin'
            """
        )
        unchanged += [
            "update public.items set status = 'published' where id = \(a.draft)",
            "update public.items set status = 'published' where id = \(a.translation)",
            "update public.translation_jobs set status = 'approved' where id = \(a.job)",
            "delete from public.items where id = \(a.draft)",
        ]
        if attacker != .editor {
            unchanged.append("update public.items set title = 'Seized' where id = \(a.approved)")
        }
        return (refused, unchanged)
    }

    /// Makes the temporary objects: `seize`, then each of `names` as `kind`. The server may
    /// refuse them (no temporary objects at all); a statement the server cannot even read is
    /// a mistake of the test.
    static func shadow(_ names: [ShadowedName], as kind: ShadowedName.Kind, on connection: Connection) async {
        for statement in [ShadowedName.seize] + names.map({ $0.shadow(as: kind) }) {
            let outcome = await connection.attempt(Query(unsafeSQL: statement))
            #expect(outcome.rowCount != nil || outcome.isRefusal, "\(statement): \(outcome)")
        }
    }

    /// Each attacker shadows `names` as `kind` in a session of their own, then reads and
    /// writes; nothing may differ from what they read without the shadows, nothing may change.
    static func attack(_ world: World, shadowing names: [ShadowedName], as kind: ShadowedName.Kind) async throws {
        for attacker in Attacker.allCases {
            let clean = try await world.connect(attacker)
            let expected = await read(world, on: clean)
            await clean.close()
            let what = "\(attacker) with temporary \(kind)s \(names.map(\.rawValue).joined(separator: ", "))"
            try await world.expectUntouched(what) {
                let connection = try await world.connect(attacker)
                await shadow(names, as: kind, on: connection)
                let seen = await read(world, on: connection)
                for (query, (saw, may)) in zip(reads(world), zip(seen, expected)) where saw != may {
                    Issue.record("\(what): \(query) answered \(saw), not \(may)")
                }
                let (refused, unchanged) = writes(world, by: attacker)
                for statement in refused { await expectRefused(statement, by: what, on: connection) }
                for statement in unchanged { await expectNoChange(statement, by: what, on: connection) }
                await connection.close()
            }
        }
    }

    @Test(arguments: ShadowedName.allCases)
    func aTemporaryTableOrViewShadowing(_ name: ShadowedName) async throws {
        try await World.with { world in
            try await Self.attack(world, shadowing: [name], as: .table)
            try await Self.attack(world, shadowing: [name], as: .view)
        }
    }

    @Test func temporaryTablesShadowingEverythingAtOnce() async throws {
        try await World.with { world in
            try await Self.attack(world, shadowing: ShadowedName.allCases, as: .table)
        }
    }

    /// Not a definer function: the trigger that flags translations outdated when their source
    /// changes runs as the person, and reads `translation_jobs` by an unqualified name. An
    /// editor who shadows it changes a published source and leaves its translation's job as
    /// it was, so nobody learns that the translation needs work.
    @Test func aTemporaryTableCannotSwallowTheOutdatedFlags() async throws {
        try await World.with { world in
            let editor = try await world.connect(.editor)
            let change: Query = "update public.items set title = 'Quietly changed' where id = \(world.a.published)"
            let status: Query = "select status from public.translation_jobs where id = \(world.a.job)"
            // Unshadowed, the change flags the job.
            let flagged = try await editor.rolledBack { connection in
                await expectAllowed(change, by: "editor", on: connection)
                return await connection.attempt(status).answer
            }
            #expect(flagged == "outdated")
            let shadow = await editor.attempt(
                """
                create temp table translation_jobs (tenant_id bigint, id bigint, source_id bigint, status text,
                    source_hashes jsonb, outdated_fields text[], version integer, updated_at timestamptz)
                """
            )
            #expect(shadow.rowCount != nil || shadow.isRefusal, "\(shadow)")
            await expectAllowed(change, by: "editor", on: editor)
            await editor.close()
            #expect(try await world.ownerText(status) == "outdated")
        }
    }
}
