internal import Kernel

/// `pager on|off` and `timing on|off`: the interpreter's switches (toggled when neither is
/// given).
struct SettingCommand: ShellCommand {
    let setting: Setting

    /// Which switch.
    enum Setting: String, CaseIterable {
        /// Long tables on a terminal through the pager.
        case pager
        /// Each command's duration.
        case timing
    }

    var spec: CommandSpec {
        switch setting {
        case .timing:
            CommandSpec(noun: nil, verb: "timing", summary: "show how long each command takes", arguments: "on|off")
        case .pager:
            CommandSpec(
                noun: nil,
                verb: "pager",
                summary: "show long tables on a terminal through PAGER (less -S by default), or not",
                arguments: "on|off",
                examples: ["pager off"]
            )
        }
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let shell = invocation.shell
        let current = setting == .pager ? shell.paging : shell.timing
        let value: Bool
        switch invocation.arguments.positional.first {
        case "on": value = true
        case "off": value = false
        case nil: value = !current
        default: throw CommandError.usage("\(spec.verb) takes on or off")
        }
        switch setting {
        case .pager:
            shell.paging = value
            invocation.note("the pager is \(value ? "on" : "off")")
        case .timing:
            shell.timing = value
            invocation.note("timing is \(value ? "on" : "off")")
        }
        return .none
    }
}
