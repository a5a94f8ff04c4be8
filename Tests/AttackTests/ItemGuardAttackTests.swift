import Postgres
import Testing

/// The guards judge the old row and the new one, column by column, for each role: viewers
/// and strangers write nothing; reviewers only move items through their transitions;
/// translators write only the title and translatable fields of their translations while
/// their job is open; editors do not purge; nobody changes an item's type, id or creation.
@Suite struct ItemGuardAttackTests {
    /// Every write someone without a writing role in `tenant` might try there: inserts
    /// must be refused, the rest must change nothing.
    static func everyWrite(in tenant: TenantContent) -> (refused: [Query], unchanged: [Query]) {
        let t = tenant.id
        let refused: [Query] = [
            """
            insert into items (tenant_id, type, language, slug, title, status, author)
            values (\(t), 'note', 'en', 'planted', 'Planted', 'draft', session_user)
            """,
            "insert into item_private_fields (tenant_id, item_id, fields) values (\(t), \(tenant.approved), '{}')",
            """
            insert into translation_jobs (tenant_id, source_id, source_version, target_id, language, source_hashes)
            values (\(t), \(tenant.approved), 1, \(tenant.draft), 'fr', '{}')
            """,
            """
            insert into workflow_events (tenant_id, item_id, transition, from_status, to_status, actor)
            values (\(t), \(tenant.draft), 'approve', 'in_review', 'approved', session_user)
            """,
            """
            insert into memberships (tenant_id, principal, role) values (\(t), session_user, 'admin')
            on conflict (tenant_id, principal) do update set role = 'admin'
            """,
            """
            insert into import_jobs (tenant_id, file, file_size, file_checksum, format, key, on_error, batch_size)
            values (\(t), 'planted.csv', 1, 'x', 'csv', 'slug', 'stop', 1)
            """,
            "insert into tenants (code, name, default_language, languages) values ('planted', 'Planted', 'en', '{en}')",
            "update principals set display_name = 'Taken'",
        ]
        let unchanged: [Query] = [
            "update items set title = 'Taken' where tenant_id = \(t)",
            "update items set status = 'published' where tenant_id = \(t) and status = 'approved'",
            "update items set deleted_at = now() where tenant_id = \(t)",
            "delete from items where tenant_id = \(t)",
            "update item_private_fields set fields = '{}' where tenant_id = \(t)",
            "delete from item_private_fields where tenant_id = \(t)",
            "update translation_jobs set status = 'submitted' where tenant_id = \(t)",
            "delete from translation_jobs where tenant_id = \(t)",
            "update memberships set role = 'admin' where tenant_id = \(t) and role <> 'admin'",
            "delete from memberships where tenant_id = \(t)",
            "update import_jobs set state = 'finished' where tenant_id = \(t)",
            "update tenants set name = 'Taken', translations_publish = 'by-editor' where id = \(t)",
        ]
        return (refused, unchanged)
    }

    @Test func viewersAndStrangersWriteNothing() async throws {
        try await World.with { world in
            let targets: [(Attacker, [TenantContent])] = [
                (.viewer, [world.a]), (.outsider, [world.a, world.b]), (.reader, [world.a, world.b]),
                (.admin, [world.b]), (.editor, [world.b]), (.translator, [world.b]), (.reviewer, [world.b]),
            ]
            for (attacker, tenants) in targets {
                try await world.each([attacker]) { attacker, connection in
                    for tenant in tenants {
                        try await world.expectUntouched("\(attacker) writing in \(tenant.code)") {
                            let (refused, unchanged) = Self.everyWrite(in: tenant)
                            for statement in refused {
                                await expectRefused(statement, by: attacker.rawValue, on: connection)
                            }
                            for statement in unchanged {
                                await expectNoChange(statement, by: attacker.rawValue, on: connection)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Changes of every column but the status, as `set` clauses.
    static let everyColumnButStatus: [String] = [
        "title = 'Retitled'", "slug = 'retitled'", "fields = fields || '{\"summary\": \"Rewritten.\"}'",
        "type = 'news'", "author = 'someone-else'", "language = 'fr'",
        "created_at = created_at - interval '1 year'",
        "deleted_at = now()", "publish_at = now() + interval '1 day'", "unpublish_at = now() + interval '2 days'",
    ]

    /// Columns the database computes: a person may name them in an update, and nothing changes.
    static let computedColumns: [String] = ["version = version + 5", "updated_at = updated_at - interval '1 year'"]

    /// Expects `attacker`'s updates of the computed columns of item `id` to change nothing.
    static func expectComputedColumnsKept(
        _ world: World,
        item id: Int64,
        by attacker: Attacker,
        on connection: Connection
    ) async throws {
        for change in computedColumns {
            try await world.expectUntouched("\(attacker): \(change)", restoring: [id]) {
                _ = try? await connection.execute(update(id, change))
            }
        }
    }

    /// `update items set <change> where id = <id>`.
    static func update(_ id: Int64, _ change: String) -> Query {
        Query(unsafeSQL: "update items set \(change) where id = ") + "\(id)"
    }

    @Test func reviewersOnlyMoveItemsThroughTheirTransitions() async throws {
        try await World.with { world in
            let a = world.a
            let changes =
                Self.everyColumnButStatus.map { Self.update(a.inReview, $0) } + [
                    Self.update(a.inReview, "translation_of = \(a.published)"),
                    Self.update(a.inReview, "tenant_id = \(world.b.id)"),
                    // Request changes needs a comment, which no column holds.
                    Self.update(a.inReview, "status = 'changes_requested'"),
                    Self.update(a.inReview, "status = 'approved', title = 'Approved and retitled'"),
                    Self.update(a.draft, "status = 'approved'"),
                    Self.update(a.approved, "status = 'published'"),
                    Self.update(a.published, "status = 'archived'"),
                ]
            try await world.each([.reviewer]) { attacker, connection in
                try await world.expectEachRefused(
                    changes,
                    by: attacker,
                    on: connection,
                    restoring: [a.inReview, a.draft, a.approved, a.published]
                )
                try await Self.expectComputedColumnsKept(world, item: a.inReview, by: attacker, on: connection)
                // Approving what is in review is the reviewer's to do.
                try await connection.rolledBack { connection in
                    await expectAllowed(Self.update(a.inReview, "status = 'approved'"), by: "reviewer", on: connection)
                }
            }
        }
    }

    /// Sets the translation job of `ta` to `status`, assigned to `translator`, as the owner.
    static func setJob(_ world: World, status: String, translator: String?) async throws {
        try await world.owner.execute(
            "update translation_jobs set status = \(status), translator = \(translator) where id = \(world.a.job)"
        )
    }

    @Test func translatorsWriteOnlyTheTranslatableFieldsOfTheirOpenTranslations() async throws {
        try await World.with { world in
            let a = world.a
            let translator = world.name(.translator)
            let retitle = Self.update(a.translation, "title = 'Traducción'")
            let resummarize = Self.update(a.translation, "fields = fields || '{\"summary\": \"Otro resumen.\"}'")
            let changes =
                Self.everyColumnButStatus.filter { !$0.hasPrefix("title") && !$0.hasPrefix("fields") }.map {
                    Self.update(a.translation, $0)
                } + [
                    // An original made to look like a translation, and an original as it is.
                    Self.update(a.published, "translation_of = \(a.approved), language = 'fr'"),
                    Self.update(a.published, "title = 'Retitled original'"),
                    Self.update(a.translation, "fields = fields || '{\"region\": \"south\"}'"),
                    Self.update(a.translation, "translation_of = \(a.approved)"),
                    Self.update(a.translation, "translation_of = null"),
                    Self.update(a.translation, "tenant_id = \(world.b.id)"),
                    Self.update(a.translation, "status = 'in_review'"),
                    // A translation with no job at all.
                    """
                    insert into items (tenant_id, type, language, translation_of, slug, title, status, author)
                    values (\(a.id), 'note', 'fr', \(a.approved), 'planted', 'Plantée', 'draft', session_user)
                    """,
                ]
            let translatorConnection = try await world.connect(.translator)
            try await world.expectEachRefused(
                changes,
                by: .translator,
                on: translatorConnection,
                restoring: [a.translation, a.published],
                jobs: [a.job]
            )
            try await Self.expectComputedColumnsKept(
                world,
                item: a.translation,
                by: .translator,
                on: translatorConnection
            )
            try await world.expectUntouched("translator deleting their translation", restoring: [a.translation]) {
                await expectNoChange(
                    "delete from items where id = \(a.translation)",
                    by: translator,
                    on: translatorConnection
                )
            }
            // Their own translation once its job is closed, or someone else's job.
            let closed: [(String, String?)] = [
                ("submitted", translator), ("approved", translator), ("published", translator),
                ("in_progress", world.name(.editor)),
            ]
            for (status, assignee) in closed {
                try await Self.setJob(world, status: status, translator: assignee)
                try await world.expectUntouched(
                    "translator: the job \(status) for \(assignee ?? "anyone")",
                    restoring: [a.translation]
                ) {
                    await expectRefused(retitle, by: translator, on: translatorConnection)
                    await expectRefused(resummarize, by: translator, on: translatorConnection)
                }
            }
            // Controls: while the job is open for them (or for anyone), they may translate.
            for (status, assignee) in [
                ("requested", translator), ("in_progress", nil), ("changes_requested", translator),
                ("outdated", translator),
            ] {
                try await Self.setJob(world, status: status, translator: assignee)
                try await translatorConnection.rolledBack { connection in
                    await expectAllowed(retitle, by: "translator, job \(status)", on: connection)
                    await expectAllowed(resummarize, by: "translator, job \(status)", on: connection)
                }
            }
            // Not in a language they translate.
            try await Self.setJob(world, status: "in_progress", translator: translator)
            try await world.owner.execute("update memberships set languages = '{fr}' where principal = \(translator)")
            let french = try await world.connect(.translator)
            try await world.expectUntouched("translator out of their languages", restoring: [a.translation]) {
                await expectRefused(retitle, by: translator, on: french)
            }
            await french.close()
            await translatorConnection.close()
        }
    }

    @Test func editorsDoNotPurge() async throws {
        try await World.with { world in
            let a = world.a
            try await world.owner.execute("update items set deleted_at = now() where id = \(a.draft)")
            try await world.each([.editor]) { attacker, connection in
                try await world.expectUntouched("editor purging") {
                    for id in [a.draft, a.approved, a.published, a.translation] {
                        await expectNoChange(
                            "delete from items where id = \(id)",
                            by: attacker.rawValue,
                            on: connection
                        )
                    }
                    await expectNoChange(
                        "delete from items where tenant_id = \(a.id)",
                        by: attacker.rawValue,
                        on: connection
                    )
                }
            }
        }
    }

    @Test func nobodyChangesAnItemsTypeIdOrCreation() async throws {
        try await World.with { world in
            let a = world.a
            let attempts: [(Attacker, Int64)] = [
                (.admin, a.draft), (.editor, a.draft), (.platformAdmin, a.draft), (.translator, a.translation),
            ]
            for (attacker, id) in attempts {
                try await world.each([attacker]) { attacker, connection in
                    let changes = [
                        "type = 'news'", "id = default", "id = 424242", "created_at = now() - interval '1 year'",
                    ]
                    try await world.expectEachRefused(
                        changes.map { Self.update(id, $0) },
                        by: attacker,
                        on: connection,
                        restoring: [id]
                    )
                }
            }
        }
    }
}
