internal import Foundation
internal import Kernel

/// A command's words sorted into positional arguments, flag values and switches, checked
/// against its specification.
struct Arguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var switches: Set<String> = []
    /// The file a listing is written to (`--to FILE`), when the command lists.
    var outputFile: String?

    /// Sorts `words` (already expanded) for `spec`.
    /// - Throws: a usage error naming an unknown flag (with the closest known one) or a
    ///   flag missing its value.
    init(_ words: [(text: String, isFlag: Bool)], spec: CommandSpec) throws {
        let flags = Dictionary(
            (spec.flags + FlagSpec.global).map { ($0.name, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.isFlag else {
                positional.append(word.text)
                continue
            }
            var name = String(word.text.dropFirst(2))
            var inline: String?
            if let equals = name.firstIndex(of: "=") {
                inline = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let flag = flags[name] else {
                let message =
                    "\(spec.name) has no flag --\(name)"
                    + NameSuggestions.hint(name, among: flags.keys.sorted(), prefix: "--")
                throw ShellError.usage(message + "; see help \(spec.name)")
            }
            if flag.takesValue {
                var value: String
                if let inline {
                    value = inline
                } else {
                    guard index < words.count else {
                        throw ShellError.usage("--\(name) needs a value (\(flag.placeholder))")
                    }
                    value = words[index].text
                    index += 1
                }
                if flag.isLanguage {
                    value = ValueParser.splitList(value).map(LanguageTag.canonical).joined(separator: ",")
                } else if Self.lowerCaseFlags.contains(name) {
                    value = Self.code(value)
                }
                values[name, default: []].append(value)
                if flag.isOutputFile { outputFile = value }
            } else {
                if inline != nil { throw ShellError.usage("--\(name) takes no value") }
                switches.insert(name)
            }
        }
    }

    /// The flags whose values are codes only ever stored in lower case (tenant codes, workflow
    /// states), so read in any case.
    static let lowerCaseFlags: Set<String> = ["tenant", "status"]

    /// A code typed in any case and with spaces around it (`CR `), as stored (`cr`).
    static func code(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The last value given for `--name`.
    func value(_ name: String) -> String? { values[name]?.last }

    func has(_ name: String) -> Bool { switches.contains(name) }

    /// The whole number given to `--name`, or `nil` when the flag is absent.
    /// - Throws: a usage error when the value is not a whole number within `range`.
    func wholeNumber(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw ShellError.usage(
                "--\(name) must be a whole number from \(range.lowerBound)"
                    + (range.upperBound == Int.max ? "" : " to \(range.upperBound)")
            )
        }
        return number
    }
}
