import Foundation
import Kernel
import Testing

@testable import Shell

@Suite struct RendererTests {
    private func item(title: String, translationOf: Int64?) -> Item {
        Item(
            id: 31,
            tenant: "cr",
            type: "practice",
            language: "en",
            translationOf: translationOf,
            slug: "plan",
            title: title,
            status: "draft",
            version: 1,
            fields: [:],
            author: "sofia",
            createdAt: Date(timeIntervalSince1970: 0),
            updatedAt: Date(timeIntervalSince1970: 0)
        )
    }

    @Test func tablesSayATranslationIsNotTranslatedYetAndDataKeepsTheEmptyTitle() {
        let renderer = Renderer(width: nil)
        let untranslated = Records.items([item(title: "", translationOf: 9)])
        let table = renderer.render(untranslated, as: .table, fields: ["id", "title"])
        #expect(table.contains("(not translated yet: translation of 9)"))
        #expect(renderer.render(untranslated, as: .csv, fields: ["id", "title"]) == "id,title\r\n31,\r\n")
        let detail = renderer.renderDetail(item(title: "", translationOf: 9), as: .table, fields: ["title"])
        #expect(detail.contains("(not translated yet: translation of 9)"))
        // An original with an empty title (not possible through validation) shows as it is.
        #expect(!renderer.render(.items([item(title: "", translationOf: nil)]), as: .table, fields: nil).contains("("))
    }
}
