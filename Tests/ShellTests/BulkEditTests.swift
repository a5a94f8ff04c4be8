import Foundation
import Kernel
import Testing

@testable import Shell

/// Verbs over many items chosen by --where and --older-than, item by item, with a summary.
@Suite struct BulkEditTests {
    private func seeded() async throws -> InterpreterTests.Harness {
        let harness = try InterpreterTests.Harness()
        let outcome = await harness.run(
            """
            use cr
            note create --title "First plan" --phases preparedness
            note create --title "Second plan" --phases post_crisis,preparedness
            note create --title "Third" --phases emergency_response
            """
        )
        #expect(outcome == .success, "\(harness.err)")
        return harness
    }

    @Test func addingToListsChangesOnlyWhatLacksTheValue() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note update --where phase=preparedness --add phases=post_crisis") == .success)
        #expect(shell.err.contains("update: 1 done, 0 failed, 1 skipped"))
        #expect(shell.err.contains("done: 1"))
        #expect(shell.err.contains("skipped 2: nothing to change"))
        #expect(await shell.run("note list --format csv --fields id,phases --sort id") == .success)
        #expect(shell.out.contains("1,preparedness; post_crisis\r\n"))
        #expect(shell.out.contains("2,post_crisis; preparedness\r\n"))
        #expect(shell.out.contains("3,emergency_response\r\n"))
        #expect(await shell.run("note update --where phases=post_crisis --remove phases=post_crisis") == .success)
        #expect(await shell.run("note list --format csv --fields id,phases --sort id") == .success)
        #expect(shell.out.contains("1,preparedness\r\n2,preparedness\r\n"))
    }

    @Test func anUpdateThatChangesNothingSavesNoVersion() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note update 1 --phases preparedness") == .success)
        #expect(shell.err.contains("skipped 1: nothing to change"))
        #expect(await shell.run("note update 1 --phases preparedness --version 7") == .failed)
        #expect(shell.err.contains("version"))
        #expect(await shell.run("note show 1 --format json --fields version") == .success)
        #expect(shell.out.contains("\"version\":1"))
    }

    @Test func transitionsOverAFilterReportEachItem() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note submit 1; note approve 1") == .success)
        #expect(await shell.run("note submit --where phase=preparedness") == .partial)
        #expect(shell.err.contains("submit: 1 done, 1 failed, 0 skipped"))
        #expect(shell.err.contains("failed 1: note 1 is approved"))
        #expect(await shell.run("note submit --where phase=preparedness --where status=in_review") == .success)
        #expect(shell.err.contains("submit: 0 done, 0 failed, 1 skipped"))
        #expect(shell.err.contains("skipped 2: already in_review"))
    }

    @Test func olderThanChoosesByLastSave() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note delete --where phase=preparedness --older-than 365d --yes") == .success)
        #expect(shell.err.contains("no notes match"))
        #expect(await shell.run("note delete --older-than 0s --where phase=emergency_response --yes") == .success)
        #expect(await shell.run("note list --format ids --sort id") == .success)
        #expect(shell.out == "1\n2\n")
        #expect(await shell.run("note restore --where phase=emergency_response") == .success)
        #expect(await shell.run("note list --format count") == .success)
        #expect(shell.out == "3\n")
    }

    @Test func selectionMistakesAreUsageErrors() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note update --where colour=red --summary x") == .usage)
        #expect(shell.err.contains("no field or filter colour"))
        #expect(await shell.run("note update --where preparedness --summary x") == .usage)
        #expect(await shell.run("note delete --older-than soon --yes") == .usage)
        #expect(await shell.run("note update 1 --where phase=preparedness --summary x") == .usage)
        #expect(await shell.run("note update 1 --add summary=x") == .usage)
        #expect(await shell.run("note delete --where phase=preparedness") == .failed)
        #expect(shell.err.contains("add --yes"))
    }

    @Test func agesAreReadInTheirUnits() throws {
        #expect(try ItemSelection.seconds("365d") == 365 * 86_400)
        #expect(try ItemSelection.seconds("12h") == 12 * 3_600)
        #expect(try ItemSelection.seconds("2w") == 14 * 86_400)
        #expect(try ItemSelection.seconds("30") == 30 * 86_400)
        #expect(throws: CommandError.self) { try ItemSelection.seconds("d") }
    }
}
