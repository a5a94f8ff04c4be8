import Postgres
import Testing

/// A translation is published only when its job is approved (or published), its original
/// is published, and the tenant lets the person's role publish translations: on approval,
/// reviewers (approving), editors and admins; by editor, only editors and admins.
@Suite struct TranslationPublishingAttackTests {
    /// The state of things when someone sets the translation's status to published.
    struct Setting: Sendable, CustomTestStringConvertible {
        let job: String
        let original: String
        let mode: String
        /// Who may publish it then.
        let publishers: Set<Attacker>

        var testDescription: String { "job \(job), original \(original), \(mode)" }
    }

    static let settings = [
        Setting(job: "in_progress", original: "published", mode: "on-approval", publishers: []),
        Setting(job: "submitted", original: "published", mode: "on-approval", publishers: []),
        Setting(job: "approved", original: "approved", mode: "on-approval", publishers: []),
        Setting(job: "approved", original: "draft", mode: "by-editor", publishers: []),
        Setting(
            job: "approved",
            original: "published",
            mode: "on-approval",
            publishers: [.reviewer, .editor, .admin, .platformAdmin]
        ),
        Setting(
            job: "published",
            original: "published",
            mode: "on-approval",
            publishers: [.reviewer, .editor, .admin, .platformAdmin]
        ),
        Setting(
            job: "approved",
            original: "published",
            mode: "by-editor",
            publishers: [.editor, .admin, .platformAdmin]
        ),
    ]

    @Test(arguments: settings)
    func aTranslationIsPublishedOnlyWhenItsJobOriginalAndTenantAllow(_ setting: Setting) async throws {
        try await World.with { world in
            let a = world.a
            // The setting is made without triggers: with them, the publishing effects would
            // already publish the translation in some of these settings.
            try await world.owner.execute("set session_replication_role = replica")
            try await world.owner.execute("update translation_jobs set status = \(setting.job) where id = \(a.job)")
            try await world.owner.execute("update items set status = \(setting.original) where id = \(a.published)")
            try await world.owner.execute(
                "update tenants set translations_publish = \(setting.mode) where id = \(a.id)"
            )
            try await world.owner.execute("reset session_replication_role")
            let publish: Query = "update items set status = 'published' where id = \(a.translation)"
            try await world.each(Attacker.membersOfA + [.platformAdmin]) { attacker, connection in
                if setting.publishers.contains(attacker) {
                    try await connection.rolledBack { connection in
                        await expectAllowed(publish, by: attacker.rawValue, on: connection)
                    }
                } else {
                    try await world.expectUntouched(
                        "\(attacker) publishing with \(setting.testDescription)",
                        restoring: [a.translation],
                        jobs: [a.job]
                    ) {
                        // A viewer's update finds no row it may change; everyone else's is refused.
                        if attacker == .viewer {
                            await expectNoChange(publish, by: attacker.rawValue, on: connection)
                        } else {
                            await expectRefused(publish, by: attacker.rawValue, on: connection)
                        }
                    }
                }
            }
        }
    }
}
