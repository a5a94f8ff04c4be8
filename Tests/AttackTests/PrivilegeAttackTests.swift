import MicicTesting
import Postgres
import Testing

/// The lesser privileges: who may call which function, what a person may see of the
/// others, the limits every person's session has, and what translators and reviewers may
/// change of a translation job.
@Suite struct PrivilegeAttackTests {
    /// The functions meant for everyone: pure computations over their arguments, which
    /// generated columns, indexes and policies use.
    static let meantForEveryone: Set<String> = [
        "micic_facets(jsonb)", "micic_search_config(text)", "micic_search_vector(text,text,jsonb)",
        "micic_is_public(text,text,timestamp with time zone,timestamp with time zone)",
        "micic_published_in(text,text)", "micic_workflow_of(text)",
        "micic_field_hashes(text,jsonb,text[])", "micic_changed_fields(jsonb,jsonb,text)",
    ]

    @Test func theNextPublicChangeIsToldOnlyToMembersAndThePublicReader() async throws {
        try await World.with { world in
            try await world.owner.execute(
                "update items set publish_at = now() + interval '1 day' where id = \(world.b.published)"
            )
            let question: Query = "select micic_public_next_change(\(world.b.id))"
            try await world.each(Attacker.membersOfA + [.outsider]) { attacker, connection in
                let outcome = await connection.attempt(question)
                #expect(
                    outcome.isRefusal || (outcome.rowCount == 1 && outcome.answer == nil),
                    "\(attacker): \(outcome)"
                )
            }
            try await world.each([.reader]) { _, connection in
                #expect(await connection.attempt(question).answer != nil)
            }
            let member = try await world.database.connect(as: world.memberOfB)
            #expect(await member.attempt(question).answer != nil)
            await member.close()
        }
    }

    @Test func onlyThePublicReaderListsThePublicTenants() async throws {
        try await World.with { world in
            // A login that belongs to no group at all.
            let stray = world.database.name + "_stray"
            try await world.owner.execute("create role \(identifier: stray) login")
            await world.database.adopt(person: stray)
            try await world.each(Attacker.people) { attacker, connection in
                await expectRefused("select micic_public_tenants()", by: attacker.rawValue, on: connection)
            }
            let strayConnection = try await world.database.connect(as: stray)
            await expectRefused("select micic_public_tenants()", by: "a login of no group", on: strayConnection)
            await strayConnection.close()
            try await world.each([.reader]) { attacker, connection in
                await expectAllowed("select micic_public_tenants()", by: attacker.rawValue, on: connection)
            }
        }
    }

    @Test func noFunctionIsExecutableByEveryoneUnlessItIsMeantForEveryone() async throws {
        try await World.with { world in
            let everyone = try await world.owner.query(
                """
                select p.oid::regprocedure::text from pg_proc p
                where p.pronamespace = 'public'::regnamespace
                  and (p.proacl is null
                       or exists (select 1 from aclexplode(p.proacl) x where x.grantee = 0 and x.privilege_type = 'EXECUTE'))
                order by 1
                """
            ).map { $0.text(at: 0) ?? "" }
            let unmeant = everyone.filter { !Self.meantForEveryone.contains($0) }
            #expect(unmeant.isEmpty, "executable by PUBLIC: \(unmeant)")
        }
    }

    @Test func aFunctionTheOwnerMakesLaterIsNotExecutableByPeople() async throws {
        try await World.with { world in
            try await world.owner.execute(
                "create function attack_later() returns text language sql as $$ select 'ran' $$"
            )
            try await world.owner.execute(
                """
                create function attack_later_definer() returns text language sql security definer
                set search_path = pg_catalog, pg_temp as $$ select current_user::text $$
                """
            )
            try await world.each(Attacker.people + [.reader]) { attacker, connection in
                await expectRefused("select attack_later()", by: attacker.rawValue, on: connection)
                await expectRefused("select attack_later_definer()", by: attacker.rawValue, on: connection)
            }
        }
    }

    @Test func everyPersonHasTimeouts() async throws {
        try await World.with { world in
            try await world.each(Attacker.people) { attacker, connection in
                for setting in ["statement_timeout", "idle_in_transaction_session_timeout"] {
                    let value = await connection.attempt(Query(unsafeSQL: "show \(setting)")).answer
                    #expect(value != nil && value != "0", "\(attacker): \(setting) = \(value ?? "?")")
                }
            }
        }
    }

    @Test func nobodyCreatesLargeObjects() async throws {
        try await World.with { world in
            try await world.expectUntouched("large objects") {
                try await world.each(Attacker.people + [.reader]) { attacker, connection in
                    await expectRefused("select lo_create(0)", by: attacker.rawValue, on: connection)
                    await expectRefused(
                        "select lo_from_bytea(0, '\\x78'::bytea)",
                        by: attacker.rawValue,
                        on: connection
                    )
                }
            }
        }
    }

    @Test func aPersonSeesOnlyThePeopleOfTheirTenantsAndThemselves() async throws {
        try await World.with { world in
            let membersOfA = try await world.owner.query(
                "select principal from memberships where tenant_id = \(world.a.id)"
            ).map { $0.text(at: 0) ?? "" }
            let everyone = try await world.owner.query("select name from principals").map { $0.text(at: 0) ?? "" }
            try await world.each(Attacker.people) { attacker, connection in
                let seen = try await connection.query("select name from principals").map { $0.text(at: 0) ?? "" }
                let expected: Set<String> =
                    switch attacker {
                    case .platformAdmin: Set(everyone)
                    case .outsider: [world.name(attacker)]
                    default: Set(membersOfA)
                    }
                #expect(Set(seen) == expected, "\(attacker) sees \(Set(seen).subtracting(expected).sorted()) besides")
            }
        }
    }

    @Test func translatorsAndReviewersChangeNothingOfAJobButItsStatus() async throws {
        try await World.with { world in
            let job = world.a.job
            let changes: [Query] = [
                "update translation_jobs set created_by = session_user where id = \(job)",
                "update translation_jobs set source_hashes = '{}' where id = \(job)",
                "update translation_jobs set outdated_fields = '{summary}' where id = \(job)",
                "update translation_jobs set source_version = source_version + 1 where id = \(job)",
                "update translation_jobs set translator = null where id = \(job)",
                "update translation_jobs set reviewer = null where id = \(job)",
                "update translation_jobs set due = '2099-12-31' where id = \(job)",
                "update translation_jobs set language = 'fr' where id = \(job)",
                "update translation_jobs set source_id = \(world.a.approved) where id = \(job)",
                "update translation_jobs set target_id = \(world.a.draft) where id = \(job)",
                "update translation_jobs set tenant_id = \(world.b.id) where id = \(job)",
                "update translation_jobs set created_at = created_at - interval '1 year' where id = \(job)",
                "update translation_jobs set status = 'approved' where id = \(job)",
                "update translation_jobs set status = 'published' where id = \(job)",
            ]
            try await world.each([.translator, .reviewer]) { attacker, connection in
                try await world.expectEachRefused(changes, by: attacker, on: connection, jobs: [job])
            }
            // The translator may submit the job: the refusals are about the columns.
            try await world.each([.translator]) { attacker, connection in
                try await connection.rolledBack { connection in
                    await expectAllowed(
                        "update translation_jobs set status = 'submitted' where id = \(job)",
                        by: attacker.rawValue,
                        on: connection
                    )
                }
            }
        }
    }
}
