import Events
import Kernel
import News
import Practices
import Testing
import Tools
import Translations

/// The four content plugins register together.
@Suite struct RegistryTests {
    @Test func theFourPluginsRegister() throws {
        let registry = try PluginRegistry([PracticesPlugin(), EventsPlugin(), NewsPlugin(), ToolsPlugin()])
        #expect(registry.contentTypes.map(\.name) == ["practice", "event", "news", "tool"])
        #expect(registry.contentType("practices")?.name == "practice")
        #expect(registry.contentType("news")?.name == "news")
        #expect(registry.contentType("tools")?.name == "tool")
        #expect(registry.schemaFolders(kernel: "kernel") == ["kernel", "events", "news"])
    }

    @Test func workflowsAreCollectedOnceAndTwoOfOneNameMustAgree() throws {
        let registry = try PluginRegistry([PracticesPlugin(), EventsPlugin(), TranslationsPlugin()])
        #expect(registry.workflows.map(\.name) == ["editorial", "translation"])
        let publishing = try #require(TranslationsPlugin().effects.first)
        #expect(registry.states(entering: publishing).map { "\($0.workflow):\($0.state)" } == ["editorial:published"])
        struct Rival: Plugin {
            var name: String { "rival" }
            var workflows: [Workflow] {
                [
                    Workflow(
                        name: "editorial",
                        states: ["draft"],
                        initialState: "draft",
                        publishedStates: [],
                        transitions: []
                    )
                ]
            }
        }
        #expect(throws: RegistryError.self) { try PluginRegistry([PracticesPlugin(), Rival()]) }
    }

    @Test func everyFilterNameIsUniqueWithinItsType() throws {
        let registry = try PluginRegistry([PracticesPlugin(), EventsPlugin(), NewsPlugin(), ToolsPlugin()])
        for type in registry.contentTypes {
            let flags = type.fields.map(\.filterName)
            #expect(Set(flags).count == flags.count, "\(type.name) repeats a filter name")
        }
    }

    @Test func pluginsListTheVocabulariesTheyDefine() {
        #expect(PracticesPlugin().vocabularies.map(\.name) == ["crisis type", "stakeholder type", "practice type"])
        #expect(EventsPlugin().vocabularies.map(\.name) == ["attendance mode", "event status"])
        #expect(ToolsPlugin().vocabularies.map(\.name) == ["audience", "format"])
        #expect(NewsPlugin().vocabularies.isEmpty)
    }
}
