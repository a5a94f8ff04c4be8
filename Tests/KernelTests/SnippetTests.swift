import Kernel
import Testing

@Suite struct SnippetTests {
    let open: Character = "\u{E000}"
    let close: Character = "\u{E001}"

    @Test func marksMatchesAndCollapsesWhiteSpaceIntoSingleSpaces() {
        let snippet = Snippet(
            marked: " \n help\r\n\r\n for\u{A0}\t\u{E000}migrantes\u{E001}  en   \u{E000}crisis\u{E001} … ñandú  \n",
            open: open,
            close: close
        )
        #expect(
            snippet.parts == [
                .init("help for ", isMatch: false), .init("migrantes", isMatch: true), .init(" en ", isMatch: false),
                .init("crisis", isMatch: true), .init(" … ñandú", isMatch: false),
            ]
        )
        #expect(snippet.text(open: "**", close: "**") == "help for **migrantes** en **crisis** … ñandú")
        #expect(snippet.matches == ["migrantes", "crisis"])
    }

    @Test func keepsTheSpaceNextToAMarkerAndNoneAtEitherEnd() {
        #expect(Snippet(marked: "\u{E000}  a\u{E001}", open: open, close: close).parts == [.init(" a", isMatch: true)])
        #expect(Snippet(marked: "a \u{E001} ", open: open, close: close).parts == [.init("a ", isMatch: false)])
        #expect(Snippet(marked: " \t\n", open: open, close: close).parts.isEmpty)
        #expect(Snippet(marked: "", open: open, close: close).parts.isEmpty)
    }
}
