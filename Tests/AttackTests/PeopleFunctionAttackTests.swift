import MicicTesting
import Postgres
import Testing

/// The people functions act on platform people only (login roles in `micic_people`), and
/// only for platform administrators (tenant admins: for their tenants' memberships). Every
/// attack that could reach a role of the whole server runs in a transaction that is rolled
/// back: what it did is seen inside, never kept.
@Suite struct PeopleFunctionAttackTests {
    /// Roles that are not people: the superuser the tests run as, the schema's owner, the
    /// platform's group roles, the public reader's login, and PostgreSQL's own roles.
    static func notPeople(_ world: World) async throws -> [String] {
        let schemaOwner = try await world.ownerText(
            "select pg_get_userbyid(relowner)::text from pg_class where oid = 'items'::regclass"
        )
        let names = [
            world.ownerName, schemaOwner ?? world.ownerName, "micic_people", "micic_admins", "micic_public",
            world.name(.reader), "pg_read_all_data", "pg_write_server_files",
        ]
        return names.enumerated().filter { !names.prefix($0.offset).contains($0.element) }.map(\.element)
    }

    /// What `role` is, read inside the attacker's transaction.
    static func probe(_ role: String, on connection: Connection) async -> String {
        await connection.attempt(
            """
            select format('login=%s super=%s platform admin=%s principal=%s', rolcanlogin, rolsuper,
                pg_has_role(rolname, 'micic_admins', 'member'), exists (select 1 from principals where name = rolname))
            from pg_roles where rolname = \(role)
            """
        ).answer ?? "unreadable"
    }

    /// Runs `call` in a transaction rolled back afterwards and expects it refused; when it
    /// is not, the failure tells what it made of `target`.
    static func expectRefusedAndUndone(
        _ call: Query,
        target: String,
        by who: String,
        on connection: Connection,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let (outcome, state) = try await connection.rolledBack { connection in
            let outcome = await connection.attempt(call)
            return (outcome, outcome.isRefusal ? "" : await probe(target, on: connection))
        }
        #expect(
            outcome.isRefusal,
            "\(who): \(call) \(outcome); \(target) then: \(state)",
            sourceLocation: sourceLocation
        )
    }

    @Test func thePeopleFunctionsRefuseRolesThatAreNotPeople() async throws {
        try await World.with { world in
            let targets = try await Self.notPeople(world)
            try await world.expectUntouched("people functions pointed at roles that are not people") {
                try await world.each([.platformAdmin, .admin]) { attacker, connection in
                    for target in targets {
                        var calls: [Query] = [
                            "select micic_set_membership('ta', \(target), 'admin', '{}')",
                            "select micic_remove_membership('ta', \(target))",
                        ]
                        if attacker == .platformAdmin {
                            calls += [
                                "select micic_create_person(\(target), 'attack-password', 'Planted')",
                                "select micic_disable_person(\(target))",
                                "select micic_make_platform_admin(\(target))",
                            ]
                        }
                        for call in calls {
                            try await Self.expectRefusedAndUndone(
                                call,
                                target: target,
                                by: attacker.rawValue,
                                on: connection
                            )
                        }
                    }
                }
            }
        }
    }

    @Test func principalsAreWrittenByNobodyDirectly() async throws {
        try await World.with { world in
            let superuser = world.ownerName
            try await world.each(Attacker.people) { attacker, connection in
                // Naming the superuser a person, then disabling that "person", in one
                // transaction that is rolled back whatever happens.
                let (inserted, disabled, state) = try await connection.rolledBack { connection in
                    let inserted = await connection.attempt("insert into principals (name) values (\(superuser))")
                    guard !inserted.isRefusal else { return (inserted, "", "") }
                    let disabled = await connection.attempt("select micic_disable_person(\(superuser))")
                    return (inserted, disabled.description, await Self.probe(superuser, on: connection))
                }
                #expect(
                    inserted.isRefusal,
                    "\(attacker): a principal named \(superuser) \(inserted); disabling it \(disabled); then \(state)"
                )
                let viewer = world.name(.viewer)
                try await world.expectUntouched("\(attacker) writing principals") {
                    for statement: Query in [
                        "update principals set display_name = 'Taken' where name = \(viewer)",
                        "update principals set disabled_at = now() where name = \(viewer)",
                        "update principals set name = 'renamed' where name = \(viewer)",
                        "delete from principals where name = \(viewer)",
                    ] {
                        if attacker == .platformAdmin {
                            await expectRefused(statement, by: attacker.rawValue, on: connection)
                        } else {
                            await expectNoChange(statement, by: attacker.rawValue, on: connection)
                        }
                    }
                }
            }
        }
    }

    @Test func onlyAdministratorsUseThePeopleFunctions() async throws {
        try await World.with { world in
            let planted = world.database.name + "_planted"
            await world.database.adopt(person: planted)
            try await world.each(Attacker.lesser) { attacker, connection in
                let someone = world.name(attacker == .viewer ? .editor : .viewer)
                var calls: [Query] = [
                    "select micic_create_person(\(planted), 'attack-password', 'Planted')",
                    "select micic_disable_person(\(someone))",
                    "select micic_make_platform_admin(session_user::text)",
                    "select micic_set_membership('tb', session_user::text, 'admin', '{}')",
                    "select micic_remove_membership('tb', \(world.memberOfB))",
                ]
                if attacker != .admin {
                    calls += [
                        "select micic_set_membership('ta', session_user::text, 'admin', '{}')",
                        "select micic_remove_membership('ta', \(someone))",
                    ]
                }
                try await world.expectUntouched("\(attacker) using the people functions") {
                    for call in calls { await expectRefused(call, by: attacker.rawValue, on: connection) }
                }
            }
        }
    }
}
