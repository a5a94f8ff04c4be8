import Foundation
import Kernel
import Synchronization
import Testing

@testable import Shell

/// The interpreter over the in-memory store: no database needed for the language itself.
@Suite struct InterpreterTests {
    static let note = ContentType(
        name: "note",
        plural: "notes",
        label: "Note",
        fields: [
            FieldSpec("phases", .list(.choice(.phases)), shared: true, filter: "phase"),
            FieldSpec("summary", .markdown(maxLength: 200)),
        ]
    )

    struct NotesPlugin: Plugin {
        var name: String { "notes" }
        var contentTypes: [ContentType] { [InterpreterTests.note] }
    }

    /// A shell over a memory store, capturing what it writes.
    final class Capture: Sendable {
        let output = Mutex("")
        let errors = Mutex("")
    }

    final class Harness {
        let capture = Capture()
        let shell: Interpreter

        init(
            confirm: (@Sendable (String) -> Bool)? = nil,
            plugins: [any Plugin] = [NotesPlugin()],
            services: [any Sendable] = []
        ) throws {
            let registry = try PluginRegistry(plugins)
            let store = MemoryContentStore(
                registry: registry,
                tenants: [Tenant(code: "cr", name: "Costa Rica", defaultLanguage: "es", languages: ["es", "en"])]
            )
            var backend = MemoryBackend(store: store)
            backend.services = services
            shell = Interpreter(
                backend: backend,
                registry: registry,
                console: Console(data: { _ in }, diagnostic: { _ in }, confirm: confirm, width: nil)
            )
            let capture = capture
            shell.console = Console(
                data: { text in capture.output.withLock { $0 += text } },
                diagnostic: { text in capture.errors.withLock { $0 += text + "\n" } },
                confirm: confirm,
                width: nil
            )
        }

        func run(_ text: String) async -> Interpreter.Outcome {
            capture.output.withLock { $0 = "" }
            capture.errors.withLock { $0 = "" }
            return await shell.run(text, source: "test")
        }

        var out: String { capture.output.withLock { $0 } }
        var err: String { capture.errors.withLock { $0 } }
    }

    private func seeded(confirm: (@Sendable (String) -> Bool)? = nil) async throws -> Harness {
        let harness = try Harness(confirm: confirm)
        let outcome = await harness.run(
            """
            use cr
            note create --title "Plan, \\"quoted\\"" --phases preparedness --summary "first"
            note create --title "Second plan" --phases post_crisis,preparedness
            note create --title "Third" --phases emergency_response
            """
        )
        #expect(outcome == .success, "\(harness.err)")
        return harness
    }

    @Test func everyOutputFormat() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note list --format ids --sort id") == .success)
        #expect(shell.out == "1\n2\n3\n")
        #expect(await shell.run("note list --format count --phase preparedness") == .success)
        #expect(shell.out == "2\n")
        #expect(await shell.run("note list --format csv --fields id,title,phases --sort id") == .success)
        #expect(
            shell.out
                == "id,title,phases\r\n1,\"Plan, \"\"quoted\"\"\",preparedness\r\n2,Second plan,post_crisis; preparedness\r\n3,Third,emergency_response\r\n"
        )
        #expect(await shell.run("note list --format json --sort id") == .success)
        let json = try JSONSerialization.jsonObject(with: Data(shell.out.utf8)) as? [[String: Any]]
        #expect(json?.count == 3)
        #expect(json?.first?["title"] as? String == "Plan, \"quoted\"")
        #expect((json?.first?["fields"] as? [String: Any])?["summary"] as? String == "first")
        #expect(await shell.run("note list --fields id,title") == .success)
        #expect(shell.out.split(separator: "\n").first == "id  title")
    }

    @Test func pipesAndVariablesCarryIds() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note list --phase emergency-response --format ids") == .usage)
        #expect(shell.err.contains("--phase"))
        #expect(await shell.run("note list --phase emergency_response | note delete --yes") == .success)
        #expect(await shell.run("note list --format ids --sort id") == .success)
        #expect(shell.out == "1\n2\n")
        #expect(
            await shell.run("let plans = note list --phase preparedness\nnote show $plans --format ids") == .success
        )
        #expect(shell.out == "2\n1\n" || shell.out == "1\n2\n")
        #expect(shell.shell.variables["plans"]?.count == 2)
    }

    @Test func onlyIdsTravelThroughPipes() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note history 1 | note delete --yes") == .success)
        #expect(shell.err.contains("nothing came through the pipe"))
        #expect(await shell.run("note list --format count") == .success)
        #expect(shell.out == "3\n")
    }

    @Test func mistakesAreUsageErrorsWithSuggestions() async throws {
        let shell = try await seeded()
        #expect(await shell.run("nots list") == .usage)
        #expect(shell.err.contains("did you mean note?"))
        #expect(await shell.run("note lst") == .usage)
        #expect(shell.err.contains("list"))
        #expect(await shell.run("note list --phse preparedness") == .usage)
        #expect(shell.err.contains("did you mean --phase?"))
        #expect(await shell.run("note list --format xml") == .usage)
        #expect(await shell.run("note show $nothing") == .usage)
        #expect(shell.out.isEmpty)
    }

    @Test func aScriptStopsAtItsFirstErrorAndNamesTheLine() async throws {
        let shell = try await seeded()
        let outcome = await shell.run("note list --format count\nnote create --title \"\"\nnote create --title Never")
        #expect(outcome == .failed)
        #expect(shell.err.contains("test:2:"))
        #expect(shell.err.contains("title is required"))
        #expect(await shell.run("note list --format count") == .success)
        #expect(shell.out == "3\n")
    }

    @Test func destructiveCommandsAskOrRefuse() async throws {
        let refusing = try await seeded()
        #expect(await refusing.run("note delete 1") == .failed)
        #expect(refusing.err.contains("add --yes"))
        let declined = try await seeded(confirm: { _ in false })
        #expect(await declined.run("note delete 1 2") == .failed)
        #expect(declined.err.contains("cancelled"))
        let agreed = try await seeded(confirm: { question in question.contains("2 notes") })
        #expect(await agreed.run("note delete 1 2") == .success)
        #expect(await agreed.run("note list --format count") == .success)
        #expect(agreed.out == "1\n")
    }

    @Test func ctrlCStopsABulkOperationAtTheNextItem() async throws {
        let trigger = Trigger()
        let registry = try PluginRegistry([NotesPlugin()])
        let store = MemoryContentStore(
            registry: registry,
            tenants: [Tenant(code: "cr", name: "Costa Rica", defaultLanguage: "es", languages: ["es", "en"])],
            clock: {
                trigger.fire()
                return Date()
            }
        )
        let shell = Interpreter(
            backend: MemoryBackend(store: store),
            registry: registry,
            console: Console(data: { _ in }, diagnostic: { _ in }, confirm: nil, width: nil)
        )
        #expect(
            await shell.run("use cr; note create --title A; note create --title B; note create --title C", source: nil)
                == .success
        )
        trigger.arm(shell.interruption)
        #expect(await shell.run("note update 1 2 3 --summary changed", source: nil) == .failed)
        let summaries = try await store.list(ItemQuery(sort: .idAscending), tenant: "cr").items.map {
            $0.fields["summary"]
        }
        #expect(summaries == [.text("changed"), nil, nil])
    }

    @Test func bulkFailuresArePartial() async throws {
        let shell = try await seeded()
        #expect(await shell.run("note update 1 999 --summary changed") == .partial)
        #expect(shell.err.contains("999"))
        #expect(await shell.run("note show 1 --format json --fields summary") == .success)
        #expect(shell.out.contains("changed"))
    }

    @Test func helpIsGeneratedFromTheRegistrations() async throws {
        let shell = try await seeded()
        #expect(await shell.run("help") == .success)
        #expect(shell.out.contains("note"))
        #expect(await shell.run("help note list") == .success)
        #expect(shell.out.contains("--phase"))
        #expect(shell.out.contains("examples:"))
        #expect(await shell.run("use nowhere") == .failed)
        #expect(shell.err.contains("tenants: cr"))
    }

    @Test func completionKnowsTheContext() throws {
        let completer = Completer(
            catalog: CommandCatalog(registry: try PluginRegistry([NotesPlugin()])),
            tenants: ["cr", "hq"]
        )
        #expect(completer.candidates(before: "no").candidates == ["note"])
        #expect(completer.candidates(before: "note li").candidates == ["list"])
        #expect(completer.candidates(before: "note list --ph").candidates == ["--phase"])
        #expect(completer.candidates(before: "note list --phase pre").candidates == ["preparedness"])
        #expect(
            completer.candidates(before: "note list --phase post_crisis,pre").candidates == ["post_crisis,preparedness"]
        )
        #expect(completer.candidates(before: "use ").candidates == ["cr", "hq"])
        #expect(completer.candidates(before: "note list | note de").candidates == ["delete"])
        var withRecent = completer
        withRecent.ids = ["12"]
        withRecent.slugs = ["plan-b", "plan-a"]
        #expect(withRecent.candidates(before: "note show pl").candidates == ["plan-a", "plan-b"])
        #expect(withRecent.candidates(before: "note delete 1").candidates == ["12"])
        withRecent.languages = ["en", "es", "fr"]
        #expect(withRecent.candidates(before: "note list --language e").candidates == ["en", "es"])
        // What a flag's value completes to comes from its declaration: language tags, a
        // file (the `FILE` placeholder), or nothing (a version number).
        #expect(withRecent.candidates(before: "tenant create mx --languages es,e").candidates == ["es,en", "es,es"])
        #expect(withRecent.candidates(before: "note diff 12 --to ").candidates.isEmpty)
        #expect(withRecent.candidates(before: "note revert 12 --to ").candidates.isEmpty)
        #expect(!withRecent.candidates(before: "export note --to ").candidates.isEmpty)
        #expect(!withRecent.candidates(before: "note list --to ").candidates.isEmpty)
    }
}

/// A backend over a memory store; transactions are not supported there.
struct MemoryBackend: ShellBackend {
    let store: any ContentStore
    var user: String { "tester" }
    let tenantList = [Tenant(code: "cr", name: "Costa Rica", defaultLanguage: "es", languages: ["es", "en"])]
    var services: [any Sendable] = []

    init(store: any ContentStore) { self.store = store }

    func tenants() async throws -> [Tenant] { tenantList }
    func begin() async throws { throw CommandError("no transactions in memory") }
    func commit() async throws { throw CommandError("no transactions in memory") }
    func rollback() async throws { throw CommandError("no transactions in memory") }
    func inTransaction() async -> Bool { false }
    func dryRun<Value>(_ body: () async throws -> Value) async throws -> Value {
        throw CommandError("no dry runs in memory")
    }
    func sql(_ text: String) async throws -> Table { throw CommandError("no SQL in memory") }
    func cancel() {}
}

@Suite struct ProgressTests {
    @Test func progressLinesShowCountRateAndTimeLeft() {
        let progress = Progress("publish", total: 100, write: { _ in })
        #expect(progress.line(25, elapsed: 2) == "publish 25/100  12/s  6s left")
        let open = Progress("reading", total: nil, write: nil)
        #expect(open.line(300, elapsed: 3) == "reading 300  100/s")
    }
}

/// Raises an interruption the next time the store reads its clock (inside the first update).
final class Trigger: Sendable {
    private let interruption = Mutex<Interruption?>(nil)

    func arm(_ target: Interruption) { interruption.withLock { $0 = target } }

    func fire() { interruption.withLock { $0?.raise() } }
}
