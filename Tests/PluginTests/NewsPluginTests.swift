import Kernel
import News
import Testing

/// The news type's rejections.
@Suite struct NewsPluginTests {
    let type = NewsPlugin.news
    let valid: [String: FieldValue] = [
        "published_on": .text("2017-11-17"),
        "body": .text("The IOM office in Costa Rica presented its work."),
        "dateline_place": .text("Mechelen, Belgium"),
        "dateline_country": .text("BE"),
    ]

    @Test func aNewsItemWithADateAndABodyIsValid() {
        #expect(type.validate(title: "MICIC in Mesoamerica", fields: valid, languages: ["en"]).isEmpty)
    }

    @Test func aNewsItemWithoutABodyIsReported() {
        var fields = valid
        fields["body"] = nil
        #expect(
            type.validate(title: "MICIC in Mesoamerica", fields: fields, languages: ["en"]).map(\.field) == ["body"]
        )
        fields["body"] = .text("  ")
        #expect(
            type.validate(title: "MICIC in Mesoamerica", fields: fields, languages: ["en"]).map(\.field) == ["body"]
        )
    }

    @Test func badDatesDatelinesAndTagsAreReported() {
        var fields = valid
        fields["published_on"] = .text("17/11/2017")
        fields["dateline_country"] = .text("Belgium")
        fields["tags"] = .list([.text("cities"), .text("cities")])
        fields["source_url"] = .text("iom.int/news")
        let issues = type.validate(title: "MICIC in Mesoamerica", fields: fields, languages: ["en"])
        #expect(Set(issues.map(\.field)) == ["published_on", "dateline_country", "tags", "source_url"])
    }
}
