import Foundation
import Kernel
import Testing

@testable import Shell

/// `search` over the in-memory store: flags, output formats, facets, highlighting, help
/// and completion.
@Suite struct SearchCommandTests {
    private func seeded() async throws -> InterpreterTests.Harness {
        let harness = try InterpreterTests.Harness()
        let outcome = await harness.run(
            """
            use cr
            note create --title "Flood plan" --phases preparedness --summary "Shelters before the flood"
            note create --title "Second plan" --phases post_crisis,preparedness --summary "Rebuilding after the flood"
            note create --title "Third" --phases emergency_response --summary "Nothing to see"
            """
        )
        #expect(outcome == .success, "\(harness.err)")
        return harness
    }

    @Test func searchRanksFiltersAndMarksMatches() async throws {
        let shell = try await seeded()
        #expect(await shell.run("search flood --format csv --fields title,snippet") == .success)
        #expect(
            shell.out == "title,snippet\r\nFlood plan,Shelters before the **flood**\r\n"
                + "Second plan,Rebuilding after the **flood**\r\n"
        )
        #expect(await shell.run("search flood --phase post_crisis --format ids") == .success)
        #expect(shell.out == "2\n")
        #expect(await shell.run("search 'flood -shelters' --format csv --fields id") == .success)
        #expect(shell.out == "id\r\n2\r\n")
        #expect(await shell.run("search flood --limit 1 --format ids") == .success)
        #expect(shell.out == "1\n")
        #expect(shell.err.contains("--offset 1"))
        #expect(await shell.run("search flood --limit 1 --offset 1 --format ids") == .success)
        #expect(shell.out == "2\n")
        // The ids pipe on like a listing's.
        #expect(await shell.run("search rebuilding --format ids | note show --format csv --fields title") == .success)
        #expect(shell.out == "title\r\nSecond plan\r\n")
    }

    @Test func facetsCountEveryMatch() async throws {
        let shell = try await seeded()
        #expect(await shell.run("search flood --facets --format csv") == .success)
        #expect(
            shell.out == "facet,value,label,count\r\ntype,note,Note,2\r\nphase,preparedness,Preparedness,2\r\n"
                + "phase,post_crisis,Post-crisis action,1\r\n"
        )
    }

    @Test func aTerminalShowsMatchesInBold() async throws {
        let shell = try await seeded()
        shell.shell.console.width = 120
        shell.shell.console.colour = true
        #expect(await shell.run("search shelters --fields title,snippet") == .success)
        #expect(shell.out.contains("Shelters\u{1b}[22m before the flood"))
        #expect(shell.out.contains("\u{1b}[1m"))
        // Data formats never carry terminal styles.
        #expect(await shell.run("search shelters --format json --fields snippet") == .success)
        #expect(shell.out.contains("**Shelters**"))
        #expect(!shell.out.contains("\u{1b}"))
    }

    @Test func stylesTakeNoWidthInTables() {
        let table = Table(columns: ["a", "b"], rows: [["\u{1b}[1mbold\u{1b}[22m", "x"], ["word", "y"]])
        let lines = TableText(table: table, width: nil).render().split(separator: "\n")
        #expect(lines[2] == "\u{1b}[1mbold\u{1b}[22m  x")
        #expect(lines[3] == "word  y")
        let cut = TableText(table: Table(columns: ["a"], rows: [["\u{1b}[1mabcdefghijkl\u{1b}[22m"]]), width: 9)
        // Cut to the width (eight letters and the ellipsis), the style closed.
        #expect(cut.render().split(separator: "\n")[2] == "\u{1b}[1mabcdefgh\u{1b}[0m…")
    }

    @Test func mistakesAreUsageErrors() async throws {
        let shell = try await seeded()
        #expect(await shell.run("search") == .usage)
        #expect(shell.err.contains("search needs the words"))
        #expect(await shell.run("search flood --type nothing") == .usage)
        #expect(shell.err.contains("the types are note"))
        #expect(await shell.run("search flood --phase preparation") == .usage)
        #expect(await shell.run("search flood --status gone") == .usage)
        #expect(await shell.run("search flood --limit 0") == .usage)
        #expect(await shell.run("search flood --colour red") == .usage)
    }

    @Test func helpAndCompletionKnowSearch() async throws {
        let shell = try await seeded()
        #expect(await shell.run("help search") == .success)
        #expect(shell.out.contains("--phase"))
        #expect(shell.out.contains("**flood**"))
        #expect(await shell.run("help") == .success)
        #expect(shell.out.contains("search \"WORDS\""))
        let completer = Completer(catalog: shell.shell.catalog)
        #expect(completer.candidates(before: "sea").candidates == ["search"])
        #expect(completer.candidates(before: "search flood --ty").candidates == ["--type"])
        #expect(completer.candidates(before: "search flood --type ").candidates == ["note"])
        #expect(completer.candidates(before: "search flood --phase pre").candidates == ["preparedness"])
    }
}
