import Foundation
import Kernel
import Testing
import Translations

@testable import Shell

/// Plugins' commands join the shell through the registry only: the `translation` noun is
/// there when the Translations plugin is registered, and reaches its desk as a service.
@Suite struct PluginCommandTests {
    @Test func theTranslationCommandsComeOnlyWithTheirPlugin() throws {
        let without = CommandCatalog(registry: try PluginRegistry([InterpreterTests.NotesPlugin()]))
        #expect(!without.nouns.contains("translation"))
        #expect(without.command(noun: "translation", verb: "request") == nil)
        #expect(Completer(catalog: without).candidates(before: "tr").candidates.isEmpty)

        let with = CommandCatalog(registry: try PluginRegistry([InterpreterTests.NotesPlugin(), TranslationsPlugin()]))
        #expect(with.nouns == ["note", "user", "tenant", "job", "adoption", "translation"])
        for verb in ["start", "submit", "request-changes", "approve", "publish", "request", "list", "inbox"] {
            #expect(with.command(noun: "translation", verb: verb) != nil, "translation \(verb)")
        }
        #expect(with.command(noun: "translation", verb: "outdate") == nil)
        #expect(with.command(noun: "translation", verb: "export")?.flags.contains { $0.name == "xliff" } == true)
        let completer = Completer(catalog: with)
        #expect(completer.candidates(before: "tr").candidates == ["translation"])
        #expect(completer.candidates(before: "translation req").candidates.contains("request"))
    }

    @Test func helpListsTheTranslationCommandsOnlyWithTheirPlugin() async throws {
        let without = try InterpreterTests.Harness()
        #expect(await without.run("help") == .success)
        #expect(!without.out.contains("translation"))
        #expect(await without.run("translation list --tenant cr") == .usage)

        let with = try InterpreterTests.Harness(plugins: [InterpreterTests.NotesPlugin(), TranslationsPlugin()])
        #expect(await with.run("help") == .success)
        #expect(with.out.contains("translation"))
        #expect(await with.run("help translation request") == .success)
        #expect(with.out.contains("--translator"))
    }

    @Test func theCommandsReachTheDeskTheBackendOffers() async throws {
        let plugins: [any Plugin] = [InterpreterTests.NotesPlugin(), TranslationsPlugin()]
        let without = try InterpreterTests.Harness(plugins: plugins)
        #expect(await without.run("translation list --tenant cr") == .failed)
        #expect(without.err.contains("translation jobs are not available here"))

        let with = try InterpreterTests.Harness(plugins: plugins, services: [ListingDesk()])
        #expect(await with.run("translation list --tenant cr --format ids") == .success)
        #expect(with.out == "7\n")
        #expect(await with.run("translation list --tenant cr --status nowhere") == .usage)
        #expect(with.err.contains("the states are requested, in_progress"))
    }

    /// A desk holding one job, which it lists; it does nothing else.
    struct ListingDesk: TranslationService {
        func jobs(_ query: TranslationJobQuery, tenant: String) async throws -> [TranslationJob] {
            [
                TranslationJob(
                    id: 7,
                    tenant: tenant,
                    type: "note",
                    sourceID: 1,
                    sourceVersion: 1,
                    sourceLanguage: "es",
                    sourceTitle: "Plan",
                    targetID: 2,
                    language: "en",
                    status: "requested",
                    updatedAt: Date()
                )
            ]
        }

        func request(_ request: TranslationRequest, tenant: String, author: String) async throws -> [TranslationJob] {
            throw CommandError("not here")
        }

        func transition(
            jobs ids: [Int64],
            name: String,
            comment: String?,
            expectedVersions: [Int64: Int],
            tenant: String,
            author: String
        ) async throws -> [TranslationOutcome] { throw CommandError("not here") }

        func outdated(_ query: TranslationJobQuery, tenant: String) async throws -> [OutdatedField] {
            throw CommandError("not here")
        }

        func packets(_ query: TranslationJobQuery, tenant: String) async throws -> [TranslationPacket] {
            throw CommandError("not here")
        }

        func apply(
            _ packets: [TranslationPacket],
            tenant: String,
            author: String,
            force: Bool
        ) async throws -> [TranslationOutcome] { throw CommandError("not here") }
    }
}
