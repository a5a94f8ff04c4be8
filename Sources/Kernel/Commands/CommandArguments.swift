internal import Foundation

/// A command's words sorted into positional arguments, flag values and switches, checked
/// against its specification.
public struct CommandArguments: Sendable {
    /// The words that are not flags, then the ids piped in.
    public var positional: [String] = []
    /// Every value given to each flag, in order.
    public var values: [String: [String]] = [:]
    /// The flags without a value that were given.
    public var switches: Set<String> = []
    /// The file a listing is written to (`--to FILE`), when the command lists.
    public var outputFile: String?

    /// Sorts `words` (already expanded) for `spec`, whose flags are its own and `globals`.
    /// - Throws: a usage error naming an unknown flag (with the closest known one) or a
    ///   flag missing its value.
    public init(_ words: [(text: String, isFlag: Bool)], spec: CommandSpec, globals: [FlagSpec] = []) throws {
        let flags = Dictionary(
            (spec.flags + globals).map { ($0.name, $0) },
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
                throw CommandError.usage(message + "; see help \(spec.name)")
            }
            if flag.takesValue {
                var value: String
                if let inline {
                    value = inline
                } else {
                    guard index < words.count else {
                        throw CommandError.usage("--\(name) needs a value (\(flag.placeholder))")
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
                if inline != nil { throw CommandError.usage("--\(name) takes no value") }
                switches.insert(name)
            }
        }
    }

    /// The flags whose values are codes only ever stored in lower case (tenant codes, workflow
    /// states), so read in any case.
    public static let lowerCaseFlags: Set<String> = ["tenant", "status"]

    /// A code typed in any case and with spaces around it (`CR `), as stored (`cr`).
    public static func code(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The last value given for `--name`.
    public func value(_ name: String) -> String? { values[name]?.last }

    public func has(_ name: String) -> Bool { switches.contains(name) }

    /// Every value given to `--name`, each split where it lists several (`a,b;c`), in order.
    public func list(_ name: String) -> [String] {
        (values[name] ?? []).flatMap(ValueParser.splitList)
    }

    /// The whole number given to `--name`, or `nil` when the flag is absent.
    /// - Throws: a usage error when the value is not a whole number within `range`.
    public func wholeNumber(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw CommandError.usage(
                "--\(name) must be a whole number from \(range.lowerBound)"
                    + (range.upperBound == Int.max ? "" : " to \(range.upperBound)")
            )
        }
        return number
    }
}
