import Kernel

/// Content types and items for the search tests: articles (title, summary, body and
/// facets) and meetings (whose single `country` field shares the `country` facet with the
/// articles' `countries`).
enum SearchFixtures {
    static let crisisTypes = Vocabulary(
        name: "crisis type",
        terms: [Term(code: "conflict", label: "Conflict"), Term(code: "natural_disaster", label: "Natural disaster")]
    )

    static let article = ContentType(
        name: "article",
        plural: "articles",
        label: "Article",
        fields: [
            FieldSpec("summary", .markdown(maxLength: 1000)),
            FieldSpec("body", .markdown(maxLength: nil)),
            FieldSpec("phases", .list(.choice(.phases)), shared: true, filter: "phase"),
            FieldSpec("crisis_types", .list(.choice(crisisTypes)), shared: true, filter: "crisis-type"),
            FieldSpec("countries", .list(.country), shared: true, filter: "country"),
            FieldSpec("guidelines", .list(.choice(.guidelines)), shared: true, filter: "guideline"),
            FieldSpec("stakeholders", .list(.text(maxLength: 200))),
            FieldSpec("contact", .email, isPrivate: true),
        ]
    )

    static let meeting = ContentType(
        name: "meeting",
        plural: "meetings",
        label: "Meeting",
        fields: [
            FieldSpec("body", .markdown(maxLength: nil)),
            FieldSpec("country", .country, shared: true),
        ]
    )

    struct SearchPlugin: Plugin {
        var name: String { "search-fixtures" }
        var contentTypes: [ContentType] { [SearchFixtures.article, SearchFixtures.meeting] }
    }

    static let registry = try! PluginRegistry([SearchPlugin()])

    /// An article in `language` with list fields given as comma-separated codes.
    static func article(
        _ title: String,
        _ language: String = "en",
        summary: String? = nil,
        body: String,
        phases: String = "preparedness",
        crisisTypes: String = "natural_disaster",
        countries: String = "CR",
        guidelines: String = "1"
    ) -> ItemDraft {
        var fields: [String: FieldValue] = [
            "body": .text(body),
            "phases": codes(phases),
            "crisis_types": codes(crisisTypes),
            "countries": codes(countries),
            "guidelines": codes(guidelines),
        ]
        if let summary { fields["summary"] = .text(summary) }
        return ItemDraft(type: "article", title: title, language: language, fields: fields)
    }

    private static func codes(_ list: String) -> FieldValue {
        .list(list.split(separator: ",").map { .text(String($0)) })
    }

    /// A small corpus in tenant `cr` (English and Spanish); returns the ids by title.
    static func load(into store: any ContentStore) async throws -> [String: Int64] {
        let drafts = [
            article(
                "Evacuation drills for migrant workers",
                body: "Workers practised leaving the building quickly.",
                guidelines: "13"
            ),
            article(
                "Consular hotline",
                body: "The hotline helps with the evacuation of stranded nationals.",
                phases: "emergency_response",
                crisisTypes: "conflict",
                countries: "PH",
                guidelines: "9,13"
            ),
            article(
                "Shelter access",
                body: "Shelters opened their doors during the flood.",
                phases: "emergency_response",
                countries: "CR,PH",
                guidelines: "11"
            ),
            article(
                "Early warning by radio",
                body: "Radio messages warned of the flood before the storm.",
                countries: "global",
                guidelines: "1"
            ),
            article(
                "Apoyo a la persona migrante",
                "es",
                body: "Las personas migrantes reciben información para la evacuación.",
                guidelines: "3"
            ),
            article("Para rescue team", body: "A para rescue team trained with the fire brigade.", guidelines: "8"),
            ItemDraft(
                type: "meeting",
                title: "Coordination meeting on the flood",
                language: "en",
                fields: ["body": .text("Partners met in Manila."), "country": .text("PH")]
            ),
        ]
        var ids: [String: Int64] = [:]
        for draft in drafts {
            ids[draft.title] = try await store.create(draft, tenant: "cr", author: "ana", message: nil).id
        }
        return ids
    }
}
