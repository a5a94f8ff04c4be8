import MicicTesting
import Postgres
import Testing

/// What keeps the schema distributable by tenant (Citus rules; README, "Scaling past one
/// machine"): every tenant-owned table (a table with a `tenant_id` column) has a primary key
/// that leads with `tenant_id`, every unique key leads with it too, and every foreign key from
/// one tenant-owned table to another (or to `tenants`) leads with it on both sides, so that
/// the rows a key ties together always live on the same machine. A foreign key to a table
/// that no tenant owns (`principals`, `workflows`, `content_types`: reference tables, copied
/// to every machine) needs no tenant.
@Suite struct TenantKeyCatalogTests {
    /// One key of a tenant-owned table: its table, name, kind, columns and, for a foreign
    /// key, the referenced table and columns.
    struct Key: CustomStringConvertible {
        var table: String
        var name: String
        var kind: String
        var columns: [String]
        var referencedTable: String?
        var referencedColumns: [String]
        var referencesTenantOwned: Bool

        var description: String {
            let reference = referencedTable.map { " -> \($0) (\(referencedColumns.joined(separator: ", ")))" } ?? ""
            return "\(table).\(name) \(kind) (\(columns.joined(separator: ", ")))\(reference)"
        }
    }

    /// The primary, unique and foreign keys of the migrated schema's tenant-owned tables, and
    /// the unique indexes that back no constraint.
    private func keys() async throws -> [Key] {
        try await TestDatabase.with { database in
            let owner = try await database.connect()
            let rows = try await owner.query(
                """
                with owned as (
                    select c.oid from pg_class c
                    join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
                    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
                ),
                keys as (
                    select k.conrelid as relation, k.conname::text as name, k.contype::text as kind,
                           k.conkey as columns, nullif(k.confrelid, 0) as referenced, k.confkey as referenced_columns
                    from pg_constraint k where k.contype in ('p', 'u', 'f') and k.conrelid in (select oid from owned)
                    union all
                    select i.indrelid, i.indexrelid::regclass::text, 'i', i.indkey::int2[], null, null
                    from pg_index i
                    where i.indisunique and i.indrelid in (select oid from owned)
                      and not exists (select from pg_constraint k where k.conindid = i.indexrelid)
                )
                select k.relation::regclass::text, k.name, k.kind,
                       array(select coalesce(a.attname::text, '(expression)')
                             from unnest(k.columns) with ordinality n(number, position)
                             left join pg_attribute a on a.attrelid = k.relation and a.attnum = n.number
                             order by n.position)::text,
                       k.referenced::regclass::text,
                       array(select a.attname::text
                             from unnest(k.referenced_columns) with ordinality n(number, position)
                             join pg_attribute a on a.attrelid = k.referenced and a.attnum = n.number
                             order by n.position)::text,
                       k.referenced in (select oid from owned)
                from keys k order by 1, 2
                """
            )
            let keys = try rows.map { row in
                Key(
                    table: row.text(at: 0) ?? "",
                    name: row.text(at: 1) ?? "",
                    kind: row.text(at: 2) ?? "",
                    columns: Self.names(row.text(at: 3)),
                    referencedTable: row.text(at: 4),
                    referencedColumns: Self.names(row.text(at: 5)),
                    referencesTenantOwned: try row.decode(Bool?.self, at: 6) ?? false
                )
            }
            await owner.close()
            return keys
        }
    }

    /// The names of a text array as PostgreSQL prints it (`{tenant_id,id}`).
    private static func names(_ array: String?) -> [String] {
        guard let array, array.count > 2 else { return [] }
        return array.dropFirst().dropLast().split(separator: ",").map { String($0) }
    }

    @Test func everyTenantOwnedTableHasAPrimaryKeyLedByTheTenant() async throws {
        let keys = try await keys()
        let tables = Set(keys.map(\.table))
        #expect(tables.count >= 9, "\(tables.sorted())")
        let primaries = keys.filter { $0.kind == "p" }
        let missing = tables.subtracting(primaries.map(\.table))
        #expect(missing.isEmpty, "tenant-owned tables without a primary key: \(missing.sorted())")
        let misled = primaries.filter { $0.columns.first != "tenant_id" }
        #expect(misled.isEmpty, "\(misled)")
    }

    @Test func everyUniqueKeyOfATenantOwnedTableLeadsWithTheTenant() async throws {
        let misled = try await keys().filter { ($0.kind == "u" || $0.kind == "i") && $0.columns.first != "tenant_id" }
        #expect(misled.isEmpty, "\(misled)")
    }

    @Test func foreignKeysBetweenTenantOwnedTablesLeadWithTheTenantOnBothSides() async throws {
        let foreign = try await keys().filter { $0.kind == "f" }
        #expect(foreign.contains { $0.referencesTenantOwned })
        let misled = foreign.filter { key in
            if key.referencesTenantOwned {
                return key.columns.first != "tenant_id" || key.referencedColumns.first != "tenant_id"
            }
            if key.referencedTable == "tenants" { return key.columns != ["tenant_id"] }
            return key.columns.contains("tenant_id")
        }
        #expect(misled.isEmpty, "\(misled)")
    }
}
