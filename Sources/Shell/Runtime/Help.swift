internal import Kernel

/// `help` text, generated from the command catalog.
struct Help {
    let catalog: CommandCatalog

    func text(for words: [String]) -> String {
        switch words.count {
        case 0: return overview()
        case 1:
            if let builtin = catalog.command(noun: nil, verb: words[0]) { return detail(builtin) }
            guard catalog.nouns.contains(words[0]) else { return unknown(words[0]) }
            let commands = catalog.commands.filter { $0.noun == words[0] }
            return commands.map { "  \($0.name.padded(24)) \($0.summary)" }.joined(separator: "\n")
                + "\n\nhelp \(words[0]) VERB shows a verb's flags and examples.\n"
        default:
            guard let command = catalog.command(noun: words[0], verb: words[1]) else {
                return unknown(words.joined(separator: " "))
            }
            return detail(command)
        }
    }

    private func overview() -> String {
        var text = "Content (noun verb): " + catalog.nouns.joined(separator: ", ") + "\n"
        // The verbs every content type has; each type's workflow adds its transitions.
        let types = catalog.registry.contentTypes.map(\.name)
        let verbs = catalog.commands.filter { $0.noun == types.first }.map(\.verb).filter { verb in
            types.allSatisfy { catalog.command(noun: $0, verb: verb) != nil }
        }
        text += "  verbs: " + verbs.joined(separator: ", ") + " (help NOUN: a type's workflow verbs too)\n\n"
        text += "Shell commands:\n"
        for command in catalog.commands where command.noun == nil {
            let call = command.arguments.isEmpty ? command.name : command.name + " " + command.arguments
            text += "  \(call.padded(24)) \(command.summary)\n"
        }
        text += "\nEvery command takes: " + FlagSpec.global.map { "--\($0.name)" }.joined(separator: " ") + "\n"
        text += "Pipes pass ids: practice list --status draft | practice delete --yes\n"
        text += "Variables: let drafts = news list --status draft; news delete $drafts --yes\n"
        text += "help NOUN lists a noun's verbs; help NOUN VERB shows one command.\n"
        return text
    }

    private func detail(_ command: CommandSpec) -> String {
        var text = "\(command.summary)\n\nusage: \(command.usage)\n"
        if !command.notes.isEmpty { text += "\n" + command.notes.map { "  \($0)\n" }.joined() }
        if !command.flags.isEmpty {
            text += "\nflags:\n"
            for flag in command.flags {
                let name = "--" + flag.name + (flag.takesValue ? " " + flag.placeholder : "")
                text += "  \(name.padded(30)) \(flag.summary)\n"
            }
        }
        if !command.examples.isEmpty { text += "\nexamples:\n" + command.examples.map { "  \($0)\n" }.joined() }
        return text
    }

    private func unknown(_ name: String) -> String {
        let suggestions = catalog.suggestions(for: name.split(separator: " ").first.map(String.init) ?? name)
        return "no help for '\(name)'"
            + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.joined(separator: " or "))?") + "\n"
    }
}

extension String {
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
