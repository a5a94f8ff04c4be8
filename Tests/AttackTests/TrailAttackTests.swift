import Postgres
import Testing

/// Revisions, the audit log and workflow events are written by the database: nobody writes
/// them directly, and a change made with plain SQL leaves the same trail as one made by the
/// shell, with the person who made it as the actor and the version the database computes.
@Suite struct TrailAttackTests {
    @Test func nobodyWritesRevisionsOrAuditEntriesDirectly() async throws {
        try await World.with { world in
            let a = world.a
            // A version no revision has yet (each attacker their own), so that no key refuses it.
            func refused(_ attacker: Attacker) -> [Query] {
                let version = 100 + Attacker.allCases.firstIndex(of: attacker)!
                return [
                    """
                    insert into item_revisions (tenant_id, item_id, version, title, slug, status, fields, author)
                    values (\(a.id), \(a.draft), \(version), 'Forged', 'forged', 'published', '{}', session_user)
                    """,
                    """
                    insert into audit_log (tenant_id, actor, action, item_type, item_id)
                    values (\(a.id), session_user, 'publish', 'note', \(a.draft))
                    """,
                    // A forged transition in the item's history.
                    """
                    insert into workflow_events (tenant_id, item_id, transition, from_status, to_status, actor, comment)
                    values (\(a.id), \(a.draft), 'approve', 'in_review', 'approved', session_user, 'fine')
                    """,
                    "truncate item_revisions",
                    "truncate audit_log",
                    "truncate workflow_events",
                ]
            }
            let unchanged: [Query] = [
                "update item_revisions set title = 'Forged' where tenant_id = \(a.id)",
                "update audit_log set actor = 'someone else' where tenant_id = \(a.id)",
                "delete from item_revisions where tenant_id = \(a.id)",
                "delete from audit_log where tenant_id = \(a.id)",
                "update workflow_events set actor = 'someone else' where tenant_id = \(a.id)",
                "delete from workflow_events where tenant_id = \(a.id)",
            ]
            try await world.each(Attacker.allCases) { attacker, connection in
                try await world.expectUntouched("\(attacker) writing the trail") {
                    for statement in refused(attacker) {
                        await expectRefused(statement, by: attacker.rawValue, on: connection)
                    }
                    for statement in unchanged {
                        await expectNoChange(statement, by: attacker.rawValue, on: connection)
                    }
                }
            }
        }
    }

    /// The item's version and the newest audit entry's id, as the owner reads them.
    private func versionAndLastEntry(of item: Int64, in world: World) async throws -> (Int, Int64) {
        let row = try await world.owner.query(
            "select version, (select coalesce(max(id), 0) from audit_log) from items where id = \(item)"
        )[0]
        return (try row.decode(Int.self, at: 0), try row.decode(Int64.self, at: 1))
    }

    @Test func aChangeMadeWithSQLLeavesARevisionAndAnAuditEntryByItsAuthor() async throws {
        try await World.with { world in
            let a = world.a
            let changes: [(Attacker, Int64, String, String)] = [
                (.editor, a.draft, "title", "Changed with SQL"),
                (.reviewer, a.inReview, "status", "approved"),
                (.translator, a.translation, "title", "Cambiado con SQL"),
            ]
            for (attacker, item, column, value) in changes {
                let (version, lastEntry) = try await versionAndLastEntry(of: item, in: world)
                try await world.each([attacker]) { attacker, connection in
                    await expectAllowed(
                        Query(unsafeSQL: "update items set \(column) = ") + "\(value) where id = \(item)",
                        by: attacker.rawValue,
                        on: connection
                    )
                }
                #expect(try await versionAndLastEntry(of: item, in: world).0 == version + 1, "\(attacker)")
                let revision = try await world.ownerText(
                    Query(unsafeSQL: "select \(column) from item_revisions where item_id = ")
                        + "\(item) and version = \(version + 1)"
                )
                #expect(revision == value, "\(attacker): revision \(version + 1)")
                let actors = try await world.owner.query(
                    "select actor from audit_log where item_id = \(item) and id > \(lastEntry) order by id"
                ).map { $0.text(at: 0) ?? "" }
                #expect(actors == [world.name(attacker)], "\(attacker): audit entries by \(actors)")
            }
        }
    }

    @Test func theDatabaseComputesTheVersion() async throws {
        try await World.with { world in
            let item = world.a.published
            let editor = try await world.connect(.editor)
            for (index, version) in ["999", "1", "version + 1", "version"].enumerated() {
                let (before, _) = try await versionAndLastEntry(of: item, in: world)
                let outcome = await editor.attempt(
                    Query(unsafeSQL: "update items set title = 'Version \(index)', version = \(version) where id = ")
                        + "\(item)"
                )
                let (after, _) = try await versionAndLastEntry(of: item, in: world)
                #expect(
                    after == (outcome.isRefusal ? before : before + 1),
                    "version = \(version): \(outcome), version \(before) became \(after)"
                )
            }
            await editor.close()
        }
    }

    @Test func theCommandSettingIsKeptAndTheActorIsAlwaysThePerson() async throws {
        try await World.with { world in
            let item = world.a.draft
            let admin = world.name(.admin)
            let (_, lastEntry) = try await versionAndLastEntry(of: item, in: world)
            let editor = try await world.connect(.editor)
            try await editor.run { connection in
                try connection.withTransaction { connection in
                    try connection.execute("select set_config('micic.command', 'note publish 7 --yes', true)")
                    for setting in ["micic.actor", "micic.author", "micic.person", "application_name"] {
                        try connection.execute("select set_config(\(setting), \(admin), true)")
                    }
                    try connection.execute("set local role micic_people")
                    try connection.execute("update items set title = 'Commanded' where id = \(item)")
                }
            }
            await editor.close()
            let entries = try await world.owner.query(
                "select actor, command from audit_log where item_id = \(item) and id > \(lastEntry) order by id"
            ).map { "\($0.text(at: 0) ?? "") \($0.text(at: 1) ?? "")" }
            #expect(entries == ["\(world.name(.editor)) note publish 7 --yes"])
        }
    }
}
