import Kernel
import Testing
import Tools

/// The tool type's rejections, its modules and its language lists.
@Suite struct ToolsPluginTests {
    let type = ToolsPlugin.tool
    let valid: [String: FieldValue] = [
        "audiences": .list([.text("host_country_responders")]),
        "formats": .list([.text("e_learning")]),
        "modules": .list([
            .object(["title": .text("Why migrants matter in emergencies"), "duration": .text("PT20M")]),
            .object(["title": .text("Communicating with migrants")]),
        ]),
    ]

    @Test func aToolWithModulesIsValid() {
        #expect(
            type.validate(title: "Including migrants in emergency management", fields: valid, languages: ["en"]).isEmpty
        )
    }

    @Test func aModuleWithAnInvalidDurationIsReportedByPosition() {
        var fields = valid
        fields["modules"] = .list([
            .object(["title": .text("Why migrants matter in emergencies"), "duration": .text("2 hours")]),
            .object(["duration": .text("PT20M")]),
        ])
        let issues = type.validate(title: "A tool", fields: fields, languages: ["en"])
        #expect(issues.map(\.field) == ["modules[1].duration", "modules[2].title"])
    }

    @Test func unknownAudiencesAndFormatsAreReported() {
        var fields = valid
        fields["audiences"] = .list([.text("students")])
        fields["formats"] = .list([.text("elearning")])
        let issues = type.validate(title: "A tool", fields: fields, languages: ["en"])
        #expect(issues.map(\.field) == ["audiences", "formats"])
        #expect(issues.last?.message.contains("e_learning") == true)
    }

    @Test func languageListsAcceptAnyTagButNotOtherText() {
        var fields = valid
        fields["languages_available"] = .list([.text("en")])
        fields["languages_planned"] = .list([.text("es"), .text("it"), .text("fr"), .text("zh-Hans")])
        #expect(type.validate(title: "A tool", fields: fields, languages: ["en", "es"]).isEmpty)
        fields["languages_planned"] = .list([.text("Italian"), .text("fr")])
        let issues = type.validate(title: "A tool", fields: fields, languages: ["en", "es"])
        #expect(issues.map(\.field) == ["languages_planned"])
        #expect(issues.first?.message.contains("'Italian'") == true)
    }

    @Test func audiencesAndFormatsAreRequired() {
        let issues = type.validate(title: "A tool", fields: [:], languages: ["en"])
        #expect(Set(issues.map(\.field)) == ["audiences", "formats"])
    }
}
