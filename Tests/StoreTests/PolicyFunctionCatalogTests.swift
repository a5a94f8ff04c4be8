import MicicTesting
import Postgres
import Testing

/// What keeps row-level security cheap: the definer functions the policies call are written
/// in PL/pgSQL, which keeps their plans for the session. A definer SQL function (never inlined,
/// for its `SET search_path`) is planned again by every statement that calls it: 0.3 ms for
/// `micic_offering_tenants()`, when a list page takes half a millisecond.
@Suite struct PolicyFunctionCatalogTests {
    @Test func theDefinerFunctionsThePoliciesCallKeepTheirPlans() async throws {
        let functions = try await TestDatabase.with { database in
            let owner = try await database.connect()
            let rows = try await owner.query(
                """
                select distinct p.oid::regprocedure::text, l.lanname
                from pg_policy pol cross join pg_proc p join pg_language l on l.oid = p.prolang
                where p.pronamespace = 'public'::regnamespace and p.prosecdef
                  and concat_ws(' ', pg_get_expr(pol.polqual, pol.polrelid), pg_get_expr(pol.polwithcheck, pol.polrelid))
                      ~ ('\\m' || p.proname || '\\(')
                order by 1
                """
            )
            .map { ($0.text(at: 0) ?? "", $0.text(at: 1) ?? "") }
            await owner.close()
            return rows
        }
        // The look-ups of membership, of the public reader and of offers, at least.
        #expect(functions.count >= 5, "\(functions)")
        #expect(functions.contains { $0.0 == "micic_offering_tenants()" }, "\(functions)")
        let replanned = functions.filter { $0.1 != "plpgsql" }.map(\.0)
        #expect(replanned.isEmpty, "\(replanned)")
    }
}
