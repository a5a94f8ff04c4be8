import MicicTesting
import Postgres
import Store
import Testing

/// People are created with a password encrypted on the client: the server stores the
/// verifier it was given and never sees the password.
@Suite struct PeopleDirectoryTests {
    /// What the server stores as the role's password (read as a superuser).
    private func storedPassword(of role: String, on connection: isolated Connection) throws -> String? {
        try connection.query("select rolpassword from pg_authid where rolname = \(role)")[0].decode(at: 0)
    }

    @Test func aPersonsPasswordReachesTheServerOnlyAsASCRAMVerifier() async throws {
        try await TestDatabase.with { database in
            let person = "\(database.name)_ana"
            await database.adopt(person: person)
            let admin = try await database.connect()
            let stored = try await admin.run { connection in
                // Were the password itself sent, the server would encrypt it as this session
                // says, with MD5; a SCRAM verifier is stored as it is.
                try connection.execute("set password_encryption = 'md5'")
                try PeopleDirectory().create(person, password: "s3cret-ana", displayName: "Ana", on: connection)
                return try storedPassword(of: person, on: connection)
            }
            let verifier = try #require(stored)
            #expect(verifier.hasPrefix("SCRAM-SHA-256$"))
            #expect(!verifier.contains("s3cret-ana"))
            let names = try await admin.run { connection in
                try connection.query("select name, display_name from principals where name = \(person)").map(\.texts)
            }
            #expect(names == [[person, "Ana"]])
            await admin.close()
        }
    }

    @Test func theDatabaseKeepsTheVerifierItIsGiven() async throws {
        try await TestDatabase.with { database in
            let person = "\(database.name)_luis"
            await database.adopt(person: person)
            let admin = try await database.connect()
            let (verifier, stored) = try await admin.run { connection in
                let verifier = try connection.encryptPassword("s3cret-luis", user: person)
                try connection.execute("select micic_create_person(\(person), \(verifier), 'Luis')")
                return (verifier, try storedPassword(of: person, on: connection))
            }
            #expect(stored == verifier)
            await admin.close()
        }
    }

    @Test func peopleMadeForTestsHaveEncryptedPasswords() async throws {
        try await TestDatabase.with { database in
            let admin = try await database.connect()
            // New sessions of the database would encrypt a password sent in clear with MD5.
            try await admin.run {
                try $0.execute("alter database \(identifier: database.name) set password_encryption = 'md5'")
            }
            let person = try await database.createPerson("eve")
            let stored = try await admin.run { try storedPassword(of: person, on: $0) }
            #expect(stored?.hasPrefix("SCRAM-SHA-256$") == true)
            #expect(stored?.contains("secret-") == false)
            await admin.close()
        }
    }
}
