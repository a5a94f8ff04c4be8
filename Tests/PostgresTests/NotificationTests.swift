import Foundation
import MicicTesting
import Postgres
import Testing

@Suite struct NotificationTests {
    @Test func aListenerReceivesWhatIsSentOnCommitAndNothingElse() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let listener = try await database.connect()
            let sender = try await database.connect()
            try await listener.listen("changes")
            let quiet = try await listener.run { try $0.notifications(waitingUpTo: .milliseconds(50)) }
            #expect(quiet.isEmpty)
            // Sent inside a transaction: delivered once it commits, one per distinct payload.
            try await sender.run { connection in
                try connection.withTransaction { connection in
                    try connection.execute("select pg_notify('changes', 'a')")
                    try connection.execute("select pg_notify('changes', 'a')")
                    try connection.execute("select pg_notify('other', 'b')")
                }
            }
            let senderPID = await sender.backendPID
            let received = try await listener.run { try $0.notifications(waitingUpTo: .seconds(5)) }
            #expect(received == [ChannelMessage(channel: "changes", payload: "a", senderPID: senderPID)])
            try await sender.run { connection in
                try? connection.withTransaction { connection in
                    try connection.execute("select pg_notify('changes', 'rolled back')")
                    throw CancellationError()
                }
            }
            #expect(try await listener.run { try $0.notifications(waitingUpTo: .milliseconds(200)) }.isEmpty)
            let listenerPID = await listener.backendPID
            try await sender.execute("select pg_terminate_backend(\(listenerPID)::int)")
            // The server's farewell may come before its end of stream: a listener waits again.
            await #expect(throws: PostgresError.self) {
                let deadline = ContinuousClock.now + .seconds(5)
                while ContinuousClock.now < deadline {
                    _ = try await listener.run { try $0.notifications(waitingUpTo: .milliseconds(500)) }
                }
            }
            await listener.close()
            await sender.close()
        }
    }
}
