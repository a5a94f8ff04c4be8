import Foundation
import MicicTesting
import Postgres
import Testing

/// What the catalog must show of the migrated schema, whatever the functions say: definer
/// functions search the temporary schema last, trigger functions pin their search path, and
/// every tenant-owned table has row-level security that binds its owner too.
@Suite struct CatalogAttackTests {
    /// `(name, value)` of each row of `query` run as the owner of a fresh database.
    private func rows(_ query: Query) async throws -> [(String, String?)] {
        try await TestDatabase.with { database in
            let owner = try await database.connect()
            let rows = try await owner.query(query).map { ($0.text(at: 0) ?? "", $0.text(at: 1)) }
            await owner.close()
            return rows
        }
    }

    /// The schemas of a `search_path=...` setting, unquoted, in order.
    static func schemas(ofSetting setting: String?) -> [String]? {
        guard let setting, setting.hasPrefix("search_path=") else { return nil }
        return setting.dropFirst("search_path=".count).split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }

    @Test func definerFunctionsSearchTheTemporarySchemaLast() async throws {
        let functions = try await rows(
            """
            select p.oid::regprocedure::text, (select c from unnest(p.proconfig) c where c like 'search_path=%')
            from pg_proc p where p.pronamespace = 'public'::regnamespace and p.prosecdef
            """
        )
        #expect(!functions.isEmpty)
        let unsafe = functions.filter { _, setting in
            guard let schemas = Self.schemas(ofSetting: setting) else { return true }
            return !(schemas.last == "pg_temp" || schemas.allSatisfy(\.isEmpty))
        }
        #expect(unsafe.isEmpty, "\(unsafe.map { "\($0.0): \($0.1 ?? "no search_path")" })")
    }

    @Test func triggerFunctionsPinTheirSearchPath() async throws {
        let functions = try await rows(
            """
            select p.oid::regprocedure::text, (select c from unnest(p.proconfig) c where c like 'search_path=%')
            from pg_proc p
            where p.prorettype = 'trigger'::regtype
              and (p.pronamespace = 'public'::regnamespace
                   or p.oid in (select t.tgfoid from pg_trigger t join pg_class c on c.oid = t.tgrelid
                                where c.relnamespace = 'public'::regnamespace and not t.tgisinternal))
            """
        )
        #expect(!functions.isEmpty)
        let unpinned = functions.filter { Self.schemas(ofSetting: $0.1) == nil }.map(\.0)
        #expect(unpinned.isEmpty, "\(unpinned)")
    }

    @Test func everyTenantOwnedTableForcesRowLevelSecurity() async throws {
        let tables = try await rows(
            """
            select c.oid::regclass::text, format('enabled=%s forced=%s', c.relrowsecurity, c.relforcerowsecurity)
            from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
            where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            """
        )
        #expect(tables.count >= 8, "\(tables.map(\.0))")
        let open = tables.filter { $0.1 != "enabled=t forced=t" }
        #expect(open.isEmpty, "\(open.map { "\($0.0): \($0.1 ?? "")" })")
    }

    /// Whether the server has the plpgsql_check extension (`Scripts/bootstrap` installs it).
    static let plpgsqlCheckInstalled: Bool = {
        let found = try? FileManager.default.contentsOfDirectory(atPath: "/usr/share/postgresql").contains {
            FileManager.default.fileExists(atPath: "/usr/share/postgresql/\($0)/extension/plpgsql_check.control")
        }
        return found ?? false
    }()

    /// Every PL/pgSQL function of the schema passes plpgsql_check: names, columns and types
    /// it uses exist, checked as each trigger function's table (and transition tables) see it.
    @Test(.enabled(if: plpgsqlCheckInstalled, "plpgsql_check is not installed (Scripts/bootstrap installs it)"))
    func everyPLpgSQLFunctionPassesPlpgsqlCheck() async throws {
        let findings = try await TestDatabase.with { database in
            let owner = try await database.connect()
            try await owner.execute("create extension plpgsql_check")
            let findings = try await owner.query(
                """
                select p.oid::regprocedure::text, format('%s line %s: %s', f.level, f.lineno, f.message)
                from pg_proc p
                left join lateral (
                    select t.tgrelid, bool_or(t.tgnewtable is not null) as new_rows, bool_or(t.tgoldtable is not null) as old_rows
                    from pg_trigger t where t.tgfoid = p.oid group by t.tgrelid order by t.tgrelid limit 1
                ) as trigger on true
                cross join lateral plpgsql_check_function_tb(p.oid, coalesce(trigger.tgrelid, 0),
                    newtable => case when trigger.new_rows then 'new_rows' end,
                    oldtable => case when trigger.old_rows then 'old_rows' end) as f
                where p.pronamespace = 'public'::regnamespace and p.prolang = (select oid from pg_language where lanname = 'plpgsql')
                  and f.level in ('error', 'warning')
                """
            ).map { "\($0.text(at: 0) ?? ""): \($0.text(at: 1) ?? "")" }
            let checked = try await owner.query(
                """
                select count(*) from pg_proc
                where pronamespace = 'public'::regnamespace and prolang = (select oid from pg_language where lanname = 'plpgsql')
                """
            )[0].decode(Int.self, at: 0)
            #expect(checked >= 20)
            await owner.close()
            return findings
        }
        #expect(findings.isEmpty, "\(findings)")
    }
}
