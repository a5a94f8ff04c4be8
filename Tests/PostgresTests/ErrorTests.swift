import Foundation
import MicicTesting
import Postgres
import Testing

@Suite struct ErrorTests {
    private func failure(_ query: Query, on connection: Connection) async -> PostgresError? {
        await #expect(throws: PostgresError.self) { try await connection.query(query) }
    }

    @Test func serverErrorsCarryEverySQLStateField() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.run { connection in
                try connection.executeScript(
                    """
                    create table parents (id int primary key);
                    create table children (
                        id int primary key,
                        code text not null,
                        amount int constraint amount_positive check (amount > 0),
                        parent int constraint children_parent_fk references parents (id)
                    );
                    insert into children (id, code, amount) values (1, 'secret-value', 1);
                    """
                )
            }
            let unique = await failure("insert into children (id, code) values (1, 'x')", on: connection)
            #expect(unique?.code == .server)
            #expect(unique?.sqlState == .uniqueViolation)
            #expect(unique?.table == "children")
            #expect(unique?.schema == "public")
            #expect(unique?.constraint == "children_pkey")
            #expect(unique?.detail?.contains("(id)=(1)") == true)
            #expect(unique?.severity == "ERROR")
            #expect(unique?.description.contains("(id)=(1)") == false)

            let notNull = await failure("insert into children (id, code) values (2, \(String?.none))", on: connection)
            #expect(notNull?.sqlState == .notNullViolation)
            #expect(notNull?.column == "code")

            let check = await failure("insert into children (id, code, amount) values (3, 'c', \(-5))", on: connection)
            #expect(check?.sqlState == .checkViolation)
            #expect(check?.constraint == "amount_positive")

            let foreign = await failure("insert into children (id, code, parent) values (4, 'c', 99)", on: connection)
            #expect(foreign?.sqlState == .foreignKeyViolation)
            #expect(foreign?.constraint == "children_parent_fk")

            let syntax = await failure("select * from children wher id = 1", on: connection)
            #expect(syntax?.sqlState == .syntaxError)
            #expect(syntax?.position == 29)

            let raised = await failure(
                """
                do $$ begin
                    raise exception 'custom failure' using detail = 'the detail', hint = 'the hint', errcode = '22023',
                        column = 'some_column', datatype = 'some_type';
                end $$
                """,
                on: connection
            )
            #expect(raised?.sqlState == .invalidParameterValue)
            #expect(raised?.message == "custom failure")
            #expect(raised?.detail == "the detail")
            #expect(raised?.hint == "the hint")
            #expect(raised?.column == "some_column")
            #expect(raised?.dataType == "some_type")
            #expect(raised?.context?.contains("PL/pgSQL") == true)

            let undefined = await failure("select * from no_such_table", on: connection)
            #expect(undefined?.sqlState == .undefinedTable)
            #expect(undefined?.sqlState?.name == "undefined_table")

            let invalid = await failure("select \("not-a-number")::int", on: connection)
            #expect(invalid?.sqlState == .invalidTextRepresentation)
            #expect(invalid?.description.contains("not-a-number") == false)
            #expect(invalid?.debugDescription.contains("not-a-number") == true)
            // The connection is still fine after every error.
            #expect(try await connection.query("select 1")[0].decode(Int.self, at: 0) == 1)
            await connection.close()
        }
    }

    @Test func aFailedConnectionNamesHostAndPortButNeverThePassword() async throws {
        let configuration = try ConnectionConfiguration(
            url: "postgresql://someone:hunter2-secret@127.0.0.1:1/nothing",
            connectTimeout: 2
        )
        let error = await #expect(throws: PostgresError.self) { try await Connection.connect(configuration) }
        #expect(error?.code == .connectionFailed)
        #expect(error?.message.contains("127.0.0.1:1") == true)
        for text in [error?.description, error?.debugDescription, error?.message, error?.detail] {
            #expect(text?.contains("hunter2") == false)
        }
        let scheme = #expect(throws: PostgresError.self) { try ConnectionConfiguration(url: "mysql://x@y/z") }
        #expect(scheme?.code == .connectionFailed)
    }

    @Test func aClosedConnectionSaysSo() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            await connection.close()
            let error = await #expect(throws: PostgresError.self) { try await connection.query("select 1") }
            #expect(error?.code == .connectionClosed)
        }
    }

    @Test func aBrokenConnectionIsReportedAsLostAndCanBeReset() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let victim = try await database.connect()
            let killer = try await database.connect()
            let pid = await victim.backendPID
            try await killer.query("select pg_terminate_backend(\(Int32(pid)))")
            let error = await #expect(throws: PostgresError.self) { try await victim.query("select 1") }
            #expect(error?.code == .connectionLost)
            #expect(await victim.isBroken)
            try await victim.reset()
            #expect(try await victim.query("select 2")[0].decode(Int.self, at: 0) == 2)
            #expect(await victim.backendPID != pid)
            await victim.close()
            await killer.close()
        }
    }
}
