import DemoContent
import Events
import Kernel
import News
import Practices
import Testing
import Tools

/// The demonstration data is valid and covers what the site needs to show.
@Suite struct DemoContentTests {
    let registry: PluginRegistry

    init() throws {
        registry = try PluginRegistry([PracticesPlugin(), EventsPlugin(), NewsPlugin(), ToolsPlugin()])
    }

    @Test func everyItemValidatesWithItsTenantsLanguages() throws {
        for item in DemoContent.items {
            let tenant = try #require(DemoContent.tenant(item.tenant), "unknown tenant \(item.tenant)")
            let type = try #require(registry.contentType(item.draft.type), "unknown type \(item.draft.type)")
            let issues = type.validate(title: item.draft.title, fields: item.draft.fields, languages: tenant.languages)
            #expect(issues.isEmpty, "\(item.draft.title): \(issues)")
            #expect(tenant.languages.contains(item.draft.language ?? tenant.defaultLanguage), "\(item.draft.title)")
            #expect(item.draft.slug == nil)
        }
    }

    @Test func titlesAndSlugsAreUniquePerTenantTypeAndLanguage() {
        var titles = Set<[String]>()
        var slugs = Set<[String]>()
        for item in DemoContent.items {
            let tenant = DemoContent.tenant(item.tenant)
            let language = item.draft.language ?? tenant?.defaultLanguage ?? ""
            let key = [item.tenant, item.draft.type, language]
            #expect(titles.insert(key + [item.draft.title]).inserted, "\(item.draft.title) repeats")
            #expect(
                slugs.insert(key + [Slug.make(from: item.draft.title)]).inserted,
                "\(item.draft.title) slug repeats"
            )
        }
    }

    @Test func countsCoverEveryTypeTenantLanguageAndState() {
        let items = DemoContent.items
        func count(_ type: String) -> Int { items.count { $0.draft.type == type } }
        #expect(count("practice") >= 10)
        #expect(count("event") >= 5)
        #expect(count("news") >= 5)
        #expect(count("tool") >= 4)
        #expect(items.contains { $0.draft.language == "es" })
        #expect(items.contains { $0.draft.language == "es" && $0.tenant == "cr" })
        #expect(items.contains { $0.published })
        #expect(items.contains { !$0.published })
        #expect(Set(items.map(\.tenant)) == ["hq", "cr", "ph"])
        #expect(Set(DemoContent.tenants.map(\.code)) == ["hq", "cr", "ph"])
        for tenant in DemoContent.tenants {
            #expect(tenant.languages.contains(tenant.defaultLanguage))
            #expect(tenant.languages.allSatisfy(LanguageTag.isValid))
        }
    }

    @Test func eventTimesAreConvertedFromTheirPlacesZones() throws {
        func start(of title: String) throws -> [String: FieldValue] {
            let item = try #require(
                DemoContent.items.first { $0.draft.type == "event" && $0.draft.title.hasPrefix(title) }
            )
            guard case .object(let parts) = item.draft.fields["start"] else {
                Issue.record("\(title) has no start")
                return [:]
            }
            return parts
        }
        #expect(
            try start(of: "One Year") == ["utc": .text("2017-12-04T06:00:00Z"), "zone": .text("America/Mexico_City")]
        )
        #expect(
            try start(of: "MICIC in Mesoamerica") == [
                "utc": .text("2017-11-15T23:00:00Z"), "zone": .text("Europe/Brussels"),
            ]
        )
        #expect(
            try start(of: "Taller regional") == [
                "utc": .text("2017-02-01T14:30:00Z"), "zone": .text("America/Costa_Rica"),
            ]
        )
        #expect(
            try start(of: "Regional roundtable") == [
                "utc": .text("2017-09-18T01:00:00Z"), "zone": .text("Asia/Manila"),
            ]
        )
        #expect(
            try start(of: "Workshop on migrants") == ["utc": .text("2018-11-29T05:00:00Z"), "zone": .text("Asia/Baku")]
        )
    }
}
