import Kernel
import MicicTesting
import Postgres
import Store
import Testing

/// `micic_tenants()`, the look-up behind every tenant policy, answered for each kind of
/// person connected through libpq: a member, a platform administrator, either of them
/// disabled while connected, and a login role that is no person.
@Suite struct TenantLookupTests {
    /// The codes of the tenants `micic_tenants(roles)` answers on `connection`, sorted.
    private func codes(_ roles: [String]?, on connection: Connection, owner: Connection) async throws -> [String] {
        let ids = try await connection.query("select micic_tenants(\(roles))")[0].decode([Int64].self, at: 0)
        return try await owner.query("select code from tenants where id = any(\(ids)) order by code").map {
            try $0.decode(String.self, at: 0)
        }
    }

    @Test func eachPersonGetsTheTenantsTheirMembershipsAndStandingGive() async throws {
        try await TestDatabase.with { database in
            let owner = try await database.connect()
            let member = try await database.createPerson("member")
            let admin = try await database.createPerson("admin", platformAdmin: true)
            try await owner.run { connection in
                for code in ["ta", "tb", "tc"] {
                    try TenantDirectory().create(
                        Tenant(code: code, name: "Tenant \(code)", defaultLanguage: "en", languages: ["en"]),
                        on: connection
                    )
                }
                try PeopleDirectory().grant(member, role: .editor, tenant: "ta", languages: [], on: connection)
                try PeopleDirectory().grant(member, role: .viewer, tenant: "tb", languages: [], on: connection)
                try TenantDirectory().archive("tb", on: connection)
            }
            let asMember = try await database.connect(as: member)
            let asAdmin = try await database.connect(as: admin)
            // Every membership, archived tenants too; with roles, those roles in tenants at work.
            #expect(try await codes(nil, on: asMember, owner: owner) == ["ta", "tb"])
            #expect(try await codes(["editor"], on: asMember, owner: owner) == ["ta"])
            #expect(try await codes(["viewer"], on: asMember, owner: owner) == [])
            #expect(try await codes(["admin"], on: asMember, owner: owner) == [])
            // Platform administrators: every tenant; with roles, every tenant at work.
            #expect(try await codes(nil, on: asAdmin, owner: owner) == ["ta", "tb", "tc"])
            #expect(try await codes(["admin"], on: asAdmin, owner: owner) == ["ta", "tc"])

            // A login role made a member of micic_people by hand, not a person: nothing.
            let stranger = "\(database.name)_stranger"
            try await owner.execute("create role \(identifier: stranger) login in role micic_people")
            try await owner.execute("grant connect on database \(identifier: database.name) to \(identifier: stranger)")
            let asStranger = try await database.connect(as: stranger)
            #expect(try await codes(nil, on: asStranger, owner: owner) == [])
            await asStranger.close()
            try await owner.execute("drop owned by \(identifier: stranger)")
            try await owner.execute("drop role \(identifier: stranger)")

            // Disabled while connected: nothing from the next statement on.
            try await owner.run { connection in
                try PeopleDirectory().disable(member, on: connection)
                try PeopleDirectory().disable(admin, on: connection)
            }
            #expect(try await codes(nil, on: asMember, owner: owner) == [])
            #expect(try await codes(nil, on: asAdmin, owner: owner) == [])
            #expect(try await codes(["admin"], on: asAdmin, owner: owner) == [])
            await asMember.close()
            await asAdmin.close()
            await owner.close()
        }
    }
}
