import Kernel
import MicicTesting
import Postgres
import Testing

/// The database's `micic_slug_from` (which gives translations their slugs) makes the slugs
/// the Kernel's `Slug.make` makes.
@Suite struct SlugFunctionTests {
    @Test func theDatabaseMakesTheKernelsSlugs() async throws {
        try await TestDatabase.with { database in
            let connection = try await database.connect()
            let titles = [
                "Gestión de crisis", "Temporary shelters", "  --Ça va? Straße, Æsir & Øresund: Łódź, Đakovo, Þór--  ",
                "中文标题", "", "Plan 2026: ¿qué hacer?", "Œuvre  —  naïve café",
                String(repeating: "palabra larga ", count: 12), "a" + String(repeating: "b", count: 90),
                "Ñandú São Tomé İstanbul",
            ]
            for title in titles {
                let made = try await connection.query("select micic_slug_from(\(title))")[0].decode(String.self, at: 0)
                #expect(made == Slug.make(from: title), "\(title)")
            }
            await connection.close()
        }
    }
}
