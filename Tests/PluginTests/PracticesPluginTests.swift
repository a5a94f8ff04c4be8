import Kernel
import Practices
import Testing

/// The practice type's rejections.
@Suite struct PracticesPluginTests {
    let type = PracticesPlugin.practice
    let valid: [String: FieldValue] = [
        "phases": .list([.text("preparedness")]),
        "countries": .list([.text("JP")]),
    ]

    @Test func aMinimalPracticeIsValid() {
        #expect(type.validate(title: "Hyogo E-Net", fields: valid, languages: ["en"]).isEmpty)
    }

    @Test func anUnknownCountryIsReported() {
        var fields = valid
        fields["countries"] = .list([.text("JP"), .text("XX")])
        let issues = type.validate(title: "A practice", fields: fields, languages: ["en"])
        #expect(issues.map(\.field) == ["countries"])
    }

    @Test func anUnknownPhaseIsReportedWithASuggestion() {
        var fields = valid
        fields["phases"] = .list([.text("preparednes")])
        let issues = type.validate(title: "A practice", fields: fields, languages: ["en"])
        #expect(issues.map(\.field) == ["phases"])
        #expect(issues.first?.message.contains("preparedness") == true)
    }

    @Test func phasesAndCountriesAreRequired() {
        let issues = type.validate(title: "A practice", fields: [:], languages: ["en"])
        #expect(Set(issues.map(\.field)) == ["phases", "countries"])
    }

    @Test func unknownCrisisPracticeAndStakeholderTypesAreReported() {
        var fields = valid
        fields["crisis_types"] = .list([.text("pandemic")])
        fields["practice_types"] = .list([.text("podcast")])
        fields["stakeholder_types"] = .list([.text("host_state"), .text("media")])
        let issues = type.validate(title: "A practice", fields: fields, languages: ["en"])
        #expect(Set(issues.map(\.field)) == ["crisis_types", "practice_types", "stakeholder_types"])
        #expect(issues.contains { $0.message.contains("crisis type") })
    }

    @Test func theSubmittersContactIsPrivate() {
        #expect(type.privateFields == ["submitter_contact"])
        #expect(type.field(filter: "phase")?.name == "phases")
        #expect(type.field("stakeholders")?.translatable == true)
    }
}
