import Events
import Kernel
import News
import Practices
import Testing
import Tools

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
