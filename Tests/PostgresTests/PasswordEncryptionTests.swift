import MicicTesting
import Postgres
import Testing

/// Passwords are encrypted by libpq on the client, so only a SCRAM verifier goes to the server.
@Suite struct PasswordEncryptionTests {
    @Test func aPasswordBecomesASaltedSCRAMVerifier() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let (first, second) = try await connection.run { connection in
                (
                    try connection.encryptPassword("correct horse", user: "ana"),
                    try connection.encryptPassword("correct horse", user: "ana")
                )
            }
            for verifier in [first, second] {
                #expect(verifier.hasPrefix("SCRAM-SHA-256$"))
                #expect(!verifier.contains("correct horse"))
                // SCRAM-SHA-256$<iterations>:<salt>$<stored key>:<server key>, in base64.
                let base64 = "[A-Za-z0-9+/]+=*"
                let shape = try Regex("^SCRAM-SHA-256\\$[0-9]+:\(base64)\\$\(base64):\(base64)$")
                #expect(verifier.wholeMatch(of: shape) != nil)
            }
            // A fresh salt each time.
            #expect(first != second)
            await connection.close()
        }
    }

    @Test func aPasswordHoldingNULIsRefusedBeforeLibpq() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            await #expect(throws: PostgresError.self) {
                try await connection.run { try $0.encryptPassword("a\u{0}b", user: "ana") }
            }
            await connection.close()
        }
    }
}
