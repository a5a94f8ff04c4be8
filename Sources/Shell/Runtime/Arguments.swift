internal import Kernel

/// A command's words sorted into positional arguments, flag values and switches, checked
/// against its specification.
struct Arguments {
    var positional: [String] = []
    var values: [String: [String]] = [:]
    var switches: Set<String> = []

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
                if let inline {
                    values[name, default: []].append(inline)
                } else {
                    guard index < words.count else {
                        throw ShellError.usage("--\(name) needs a value (\(flag.placeholder))")
                    }
                    values[name, default: []].append(words[index].text)
                    index += 1
                }
            } else {
                if inline != nil { throw ShellError.usage("--\(name) takes no value") }
                switches.insert(name)
            }
        }
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
