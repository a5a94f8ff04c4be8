import Foundation
import Kernel
import MicicTesting
import Postgres
import Registration
import Schema
import Store
import Testing

@Suite struct MigratorTests {
    private let first = Migration(name: "kernel/0001_a.sql", sql: "create table a (n int); insert into a values (1);")
    private let second = Migration(name: "kernel/0002_b.sql", sql: "create table b (n int);")

    private func tables(_ connection: Connection) async throws -> [String] {
        try await connection.query(
            "select tablename from pg_tables where schemaname = 'public' and tablename <> 'micic_migrations' order by 1"
        ).map { try $0.decode(String.self, at: 0) }
    }

    @Test func appliesInOrderOnceAndRecordsChecksums() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let migrator = Migrator(migrations: [first, second])
            #expect(try await connection.run { try migrator.needsMigration(on: $0) })
            let applied = try await connection.run { try migrator.migrate(on: $0) }
            #expect(applied == ["kernel/0001_a.sql", "kernel/0002_b.sql"])
            #expect(try await connection.run { try migrator.migrate(on: $0) } == [])
            #expect(!(try await connection.run { try migrator.needsMigration(on: $0) }))
            #expect(try await tables(connection) == ["a", "b"])
            let checksum = try await connection.query(
                "select checksum from micic_migrations where name = \(first.name)"
            )
            #expect(try checksum[0].decode(String.self, at: 0).count == 64)
            await connection.close()
        }
    }

    @Test func aDatabaseNotInUTF8IsRefusedBeforeAnythingIsCreated() async throws {
        let server = try await Connection.connect(
            try ConnectionConfiguration(url: try await TestDatabase.serverURL(), applicationName: "micic-tests")
        )
        let name = "micic_ascii_\(getpid())"
        try await server.execute(
            Query(unsafeSQL: "create database \(name) encoding 'SQL_ASCII' locale 'C' template template0")
        )
        do {
            let connection = try await Connection.connect(
                try ConnectionConfiguration(
                    url: try await TestDatabase.serverURL(),
                    applicationName: "micic-tests",
                    parameters: ["dbname": name]
                )
            )
            let error = await #expect(throws: MigrationError.self) {
                try await connection.run { try Migrator(migrations: [first]).migrate(on: $0) }
            }
            #expect(error?.description.contains("encoding is SQL_ASCII, and micic needs UTF8") == true)
            #expect(try await tables(connection) == [])
            let ledger = try await connection.query("select to_regclass('micic_migrations') is null")[0]
            #expect(try ledger.decode(Bool.self, at: 0))
            await connection.close()
        } catch {
            _ = try? await server.execute(Query(unsafeSQL: "drop database if exists \(name)"))
            throw error
        }
        try await server.execute(Query(unsafeSQL: "drop database \(name)"))
        await server.close()
    }

    @Test func aChangedFileStopsTheRunBeforeAnythingIsApplied() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            try await connection.run { try Migrator(migrations: [first]).migrate(on: $0) }
            let edited = Migration(name: first.name, sql: first.sql + "\n-- edited")
            let migrator = Migrator(migrations: [edited, second])
            let error = await #expect(throws: MigrationError.self) {
                try await connection.run { try migrator.migrate(on: $0) }
            }
            #expect(error?.isChangedFile == true)
            #expect(error?.description.contains("kernel/0001_a.sql") == true)
            #expect(try await tables(connection) == ["a"])
            let states = try await connection.run { try migrator.status(on: $0) }
            #expect(states.map(\.state) == [.changed, .pending])
            await connection.close()
        }
    }

    @Test func aFailingFileIsRolledBackAndNamed() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let connection = try await database.connect()
            let broken = Migration(
                name: "kernel/0002_broken.sql",
                sql: "create table c (n int); select no_such_function();"
            )
            let error = await #expect(throws: MigrationError.self) {
                try await connection.run { try Migrator(migrations: [first, broken]).migrate(on: $0) }
            }
            #expect(error?.name == "kernel/0002_broken.sql")
            #expect(error?.description.contains("no_such_function") == true)
            #expect(try await tables(connection) == ["a"])
            let recorded = try await connection.query("select name from micic_migrations").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(recorded == [first.name])
            await connection.close()
        }
    }

    @Test func concurrentRunnersApplyEachFileOnce() async throws {
        try await TestDatabase.with(migrated: false) { database in
            let slow = Migration(name: "kernel/0001_slow.sql", sql: "select pg_sleep(0.3); create table slow (n int);")
            let migrator = Migrator(migrations: [slow, second])
            let results = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        let connection = try await database.connect()
                        let applied = try await connection.run { try migrator.migrate(on: $0) }
                        await connection.close()
                        return applied
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { !$0.isEmpty } == [["kernel/0001_slow.sql", "kernel/0002_b.sql"]])
            let connection = try await database.connect()
            #expect(try await connection.query("select count(*) from micic_migrations")[0].decode(Int.self, at: 0) == 2)
            await connection.close()
        }
    }

    @Test func thePlatformsMigrationsComeFromItsRegistryKernelFirstDefinitionsLast() throws {
        let registry = try Platform.registry()
        let migrations = try Platform.migrations()
        let folders = registry.schemaFolders(kernel: Schema.kernelFolder)
        #expect(migrations.first?.name == "kernel/0001_tenants.sql")
        let files = migrations.filter { !$0.isRepeatable }.map(\.name)
        #expect(
            files
                == files.sorted { lhs, rhs in
                    let left = folders.firstIndex(of: String(lhs.split(separator: "/")[0]))!
                    let right = folders.firstIndex(of: String(rhs.split(separator: "/")[0]))!
                    return left == right ? lhs < rhs : left < right
                }
        )
        #expect(
            migrations.filter(\.isRepeatable).map(\.name)
                == registry.workflows.map { "workflow/" + $0.name }
                + registry.plugins.filter { !$0.contentTypes.isEmpty }.map { "content-types/" + $0.name }
                + registry.plugins.filter { !$0.effects.isEmpty }.map { "effects/" + $0.name }
        )
        #expect(migrations.last(where: { !$0.isRepeatable }) == migrations[files.count - 1])
        // Every folder shipped under Schema/ belongs to the kernel or to a registered plugin:
        // a folder nobody claims would never be applied.
        let shipped = try FileManager.default.contentsOfDirectory(atPath: Schema.directory.path).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: Schema.directory.appendingPathComponent(name).path,
                isDirectory: &isDirectory
            ) && isDirectory.boolValue
        }
        #expect(Set(shipped) == Set(folders))
        #expect(throws: MigrationError.self) { try Migration.load(from: Schema.directory, folders: ["no-such-plugin"]) }
    }

    @Test func theTemplateDatabaseIsMigrated() async throws {
        try await TestDatabase.with { database in
            let connection = try await database.connect()
            let tenants = try await connection.query("select to_regclass('tenants') is not null")[0].decode(
                Bool.self,
                at: 0
            )
            #expect(tenants)
            await connection.close()
        }
    }
}
