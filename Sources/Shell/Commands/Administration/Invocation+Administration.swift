internal import Foundation
internal import Kernel

/// Reading the arguments of the commands that manage tenants and people.
extension Invocation {
    /// Tenants and people, as the platform offers managing them.
    /// - Throws: when it does not.
    var administration: any Administration {
        get throws {
            guard let administration = shell.backend.administration else {
                throw CommandError("managing tenants and people is not available here")
            }
            return administration
        }
    }

    /// The one person or tenant the command names: tenant codes are stored in lower case,
    /// people's names as given.
    func name() throws -> String {
        guard arguments.positional.count == 1 else {
            throw CommandError.usage("\(spec.name) needs one \(spec.arguments)")
        }
        return spec.noun == "tenant" ? CommandArguments.code(arguments.positional[0]) : arguments.positional[0]
    }

    /// The tenant `--tenant` names, or the one in use.
    func tenantFlag() throws -> String {
        guard let code = arguments.value("tenant") ?? shell.tenant else {
            throw CommandError.usage("\(spec.name) needs --tenant CODE (or use CODE first)")
        }
        return code
    }

    /// The role `--role` gives in `--tenant` (or the tenant in use), with `--languages`.
    func membership() throws -> MembershipGrant? {
        guard let text = arguments.value("role") else {
            if arguments.value("languages") != nil { throw CommandError.usage("--languages goes with --role") }
            return nil
        }
        guard let role = Role(rawValue: text) else {
            throw CommandError.usage("--role must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let languages = arguments.value("languages").map(ValueParser.splitList) ?? []
        for language in languages where !LanguageTag.isValid(language) {
            throw CommandError.usage("--languages: '\(language)' is not a language tag")
        }
        return MembershipGrant(role: role, tenant: try tenantFlag(), languages: languages)
    }

    /// Asks for a password without echo, on a terminal only.
    func askPassword(for person: String) -> String? {
        guard shell.console.confirm != nil, let text = getpass("password for \(person): ") else { return nil }
        let password = String(cString: text)
        return password.isEmpty ? nil : password
    }
}
