internal import Foundation
internal import Kernel

/// Knows what may come next on a line: nouns and built-ins, a noun's verbs, a command's
/// flags, vocabulary values for a flag, tenant codes after `use`, ids and file paths.
public struct Completer: Sendable {
    public let catalog: CommandCatalog
    /// Tenant codes, for `use` and `--tenant`.
    public var tenants: [String]
    /// Recently shown ids, for verbs that take ids.
    public var ids: [String]
    /// Recently shown slugs, for verbs that take an id or a slug.
    public var slugs: [String] = []
    /// The tenants' language tags, for `--language` and `--languages`.
    public var languages: [String] = []

    public init(catalog: CommandCatalog, tenants: [String] = [], ids: [String] = []) {
        self.catalog = catalog
        self.tenants = tenants
        self.ids = ids
    }

    /// The word being completed and the candidates for it, given the text before the cursor.
    public func candidates(before text: String) -> (word: String, candidates: [String]) {
        let segment = text.split(separator: "|", omittingEmptySubsequences: false).last.map(String.init) ?? text
        let statement = segment.split(separator: ";", omittingEmptySubsequences: false).last.map(String.init) ?? segment
        var words = statement.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let current = statement.hasSuffix(" ") || statement.isEmpty ? "" : (words.popLast() ?? "")
        if words.first == "let", words.count >= 3 { words.removeFirst(3) }
        let options = options(after: words, current: current)
        return (current, options.filter { $0.hasPrefix(current) }.sorted())
    }

    private func options(after words: [String], current: String) -> [String] {
        guard let first = words.first else { return catalog.nouns + catalog.builtinNames }
        if first == "use" { return tenants }
        if first == "help" {
            return words.count == 1
                ? catalog.nouns + catalog.builtinNames : catalog.commands.filter { $0.noun == words[1] }.map(\.verb)
        }
        let builtin = catalog.command(noun: nil, verb: first)
        if builtin == nil && words.count == 1 { return catalog.commands.filter { $0.noun == first }.map(\.verb) }
        guard let command = builtin ?? catalog.command(noun: first, verb: words[1]) else { return [] }
        let flags = command.flags + FlagSpec.global
        if let previous = words.last, previous.hasPrefix("--"),
            let flag = flags.first(where: { "--" + $0.name == previous }),
            flag.takesValue
        {
            if flag.name == "tenant" { return tenants }
            if flag.takesFile { return paths(current) }
            let values = flag.isLanguage ? languages : flag.values
            let listed = current.split(separator: ",", omittingEmptySubsequences: false)
            if listed.count > 1 {
                let head = listed.dropLast().joined(separator: ",") + ","
                return values.map { head + $0 }
            }
            return values
        }
        if current.hasPrefix("-") { return flags.map { "--" + $0.name } }
        if command.arguments.contains("SLUG") { return ids + slugs }
        if command.arguments.contains("ID") { return ids }
        return []
    }

    /// Files and folders starting with `prefix`.
    private func paths(_ prefix: String) -> [String] {
        let directory = prefix.contains("/") ? String(prefix[...prefix.lastIndex(of: "/")!]) : ""
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory)) ?? []
        return entries.map { directory + $0 }
    }
}
