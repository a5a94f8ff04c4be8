import Postgres
import Testing

/// No row of a tenant-owned table moves to another tenant, whoever asks: not a tenant's
/// admin, not a platform administrator, who may otherwise write in both tenants.
@Suite struct TenantMoveAttackTests {
    @Test(arguments: [Attacker.admin, .platformAdmin])
    func nobodyMovesARowToAnotherTenant(_ attacker: Attacker) async throws {
        try await World.with { world in
            let a = world.a
            let b = world.b.id
            let viewer = world.name(.viewer)
            // Each move takes along what a key or a unique slug would otherwise hold back:
            // the job its items of the other tenant, the private fields an item there.
            let moves: [Query] = [
                "update items set tenant_id = \(b), slug = 'moved' where id = \(a.draft)",
                """
                update translation_jobs set tenant_id = \(b), source_id = \(world.b.approved), target_id = \(world.b.draft)
                where id = \(a.job)
                """,
                "update memberships set tenant_id = \(b) where tenant_id = \(a.id) and principal = \(viewer)",
                """
                update item_private_fields set tenant_id = \(b), item_id = \(world.b.approved)
                where tenant_id = \(a.id) and item_id = \(a.published)
                """,
                "update workflow_events set tenant_id = \(b) where tenant_id = \(a.id)",
                "update import_jobs set tenant_id = \(b) where tenant_id = \(a.id)",
                "update item_revisions set tenant_id = \(b) where tenant_id = \(a.id) and item_id = \(a.draft)",
                "update audit_log set tenant_id = \(b) where tenant_id = \(a.id)",
            ]
            try await world.each([attacker]) { attacker, connection in
                try await world.expectEachRefused(
                    moves,
                    by: attacker,
                    on: connection,
                    restoring: [a.draft],
                    jobs: [a.job]
                )
                // An item with nothing pointing at it yet, which no foreign key holds back.
                let fresh = try await connection.query(
                    """
                    insert into items (tenant_id, type, language, slug, title, status, author)
                    values (\(a.id), 'note', 'en', 'fresh', 'Fresh', 'draft', session_user) returning id
                    """
                )[0].decode(Int64.self, at: 0)
                try await world.expectEachRefused(
                    ["update items set tenant_id = \(b) where id = \(fresh)"],
                    by: attacker,
                    on: connection
                )
            }
        }
    }
}
