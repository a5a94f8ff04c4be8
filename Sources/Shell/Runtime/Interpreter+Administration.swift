internal import Foundation
internal import Kernel

extension Interpreter {
    func runAdministration(_ spec: CommandSpec, _ arguments: CommandArguments, show: Bool) async throws -> Records {
        guard let administration = backend.administration else {
            throw CommandError("managing tenants and people is not available here")
        }
        func name() throws -> String {
            guard arguments.positional.count == 1 else {
                throw CommandError.usage("\(spec.name) needs one \(spec.arguments)")
            }
            // Tenant codes are stored in lower case; people's names as given.
            return spec.noun == "tenant" ? CommandArguments.code(arguments.positional[0]) : arguments.positional[0]
        }
        func tenantFlag() throws -> String {
            guard let code = arguments.value("tenant") ?? tenant else {
                throw CommandError.usage("\(spec.name) needs --tenant CODE (or use CODE first)")
            }
            return code
        }
        /// The role `--role` gives in `--tenant` (or the tenant in use), for `--languages`.
        func membership() throws -> MembershipGrant? {
            guard let text = arguments.value("role") else {
                if arguments.value("languages") != nil { throw CommandError.usage("--languages goes with --role") }
                return nil
            }
            guard let role = Role(rawValue: text) else {
                throw CommandError.usage(
                    "--role must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            let languages = arguments.value("languages").map(ValueParser.splitList) ?? []
            for language in languages where !LanguageTag.isValid(language) {
                throw CommandError.usage("--languages: '\(language)' is not a language tag")
            }
            return MembershipGrant(role: role, tenant: try tenantFlag(), languages: languages)
        }
        switch (spec.noun, spec.verb) {
        case ("user", "list"):
            let table = try await administration.people()
            if show { try self.show(.table(table), arguments) }
            return .table(table)
        case ("user", "create"):
            let person = try name()
            // Checked before the password is asked for: nothing is created on a bad flag.
            let membership = try membership()
            guard let password = arguments.value("password") ?? askPassword(for: person) else {
                throw CommandError.usage("user create needs --password (or a terminal to ask on)")
            }
            try await administration.createPerson(
                person,
                password: password,
                displayName: arguments.value("display-name") ?? "",
                membership: membership
            )
            if let membership {
                note("created \(person), \(membership.role.rawValue) in \(membership.tenant)", arguments)
            } else {
                note("created \(person); grant them a role: user grant \(person) --tenant CODE --role ROLE", arguments)
            }
        case ("user", "grant"):
            let person = try name()
            guard let membership = try membership() else {
                throw CommandError.usage(
                    "--role must be one of " + Role.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            try await administration.grant(person, membership)
        case ("user", "revoke"):
            let person = try name()
            let code = try tenantFlag()
            try confirm("take \(person)'s role in \(code) away", arguments)
            try await administration.revoke(person, tenant: code)
        case ("user", "disable"):
            let person = try name()
            try confirm("disable \(person)", arguments)
            try await administration.disable(person)
        case ("user", "admin"):
            try await administration.makePlatformAdmin(try name())
        case ("tenant", "list"):
            return try await runBuiltin(catalog.command(noun: nil, verb: "tenants")!, arguments, show: show)
        case ("tenant", "create"):
            let code = try name()
            guard let title = arguments.value("name"), let language = arguments.value("default-language") else {
                throw CommandError.usage("tenant create needs --name and --default-language")
            }
            let languages = arguments.value("languages").map(ValueParser.splitList) ?? [language]
            try await administration.createTenant(
                Tenant(code: code, name: title, defaultLanguage: language, languages: languages)
            )
        case ("tenant", "rename"):
            let code = try name()
            guard let title = arguments.value("name") else { throw CommandError.usage("tenant rename needs --name") }
            try await administration.renameTenant(code, to: title)
        case ("tenant", "configure"):
            let code = try name()
            guard let mode = arguments.value("translations-publish") else {
                throw CommandError.usage(
                    "tenant configure needs a setting: --translations-publish on-approval|by-editor"
                )
            }
            try await administration.setTranslationsPublish(code, to: mode)
            note(
                "tenant \(code): translations are published \(mode == "by-editor" ? "by editors" : "on approval")",
                arguments
            )
        case ("tenant", "archive"):
            let code = try name()
            try confirm("archive tenant \(code) (it becomes read-only)", arguments)
            try await administration.archiveTenant(code)
        default:
            throw CommandError.usage("unknown command \(spec.name)")
        }
        return .none
    }

    /// Asks for a password without echo, on a terminal only.
    private func askPassword(for person: String) -> String? {
        guard console.confirm != nil, let text = getpass("password for \(person): ") else { return nil }
        let password = String(cString: text)
        return password.isEmpty ? nil : password
    }
}
