internal import Kernel

/// Which languages a request asks for: the `lang` parameter (strict: a language the
/// tenant does not publish is not found), else `Accept-Language` (lenient: what the tenant
/// lacks falls back), else nothing (the tenant's default language).
struct LanguagePreference: Sendable, Hashable {
    /// The tag of the `lang` parameter, in canonical case.
    let explicit: String?
    /// The tags of `Accept-Language`, most wanted first, in canonical case.
    let accepted: [String]

    /// The preference of a request.
    /// - Throws: ``Problem`` 400 when `lang` is not a language tag.
    init(lang: String?, acceptLanguage: String?) throws {
        if let lang {
            guard let tag = Self.canonical(lang[...]), LanguageTag.isValid(tag) else {
                throw Problem.badParameter("lang", "must be a BCP 47 language tag such as es or es-MX")
            }
            explicit = tag
            accepted = []
        } else {
            explicit = nil
            accepted = acceptLanguage.map(Self.accepted) ?? []
        }
    }

    /// Whether the language comes from `Accept-Language` (and so the answer varies with it).
    var isNegotiated: Bool { explicit == nil }

    /// A short text standing for the preference, for cache keys.
    var key: String {
        if let explicit { return "=" + explicit }
        return accepted.joined(separator: ",")
    }

    /// The languages to read, most wanted first, ending with the tenant's default, as the
    /// shell's `--fallback` does (`es-MX`, `es`, then the default).
    /// - Throws: ``Problem`` 404 when `lang` names a language the tenant does not publish
    ///   in, nor any language it falls back to.
    func chain(for tenant: Tenant, what: String) throws -> [String] {
        if let explicit {
            guard LanguageTag.fallbacks(of: explicit).contains(where: tenant.languages.contains) else {
                throw Problem.notFound(
                    "nothing of \(what) is in \(explicit) (its languages: "
                        + tenant.languages.joined(separator: ", ") + ")"
                )
            }
            return LanguageTag.fallbacks(for: explicit, then: tenant.defaultLanguage)
        }
        var chain: [String] = []
        for tag in accepted {
            for language in LanguageTag.fallbacks(of: tag) where !chain.contains(language) { chain.append(language) }
        }
        if !chain.contains(tenant.defaultLanguage) { chain.append(tenant.defaultLanguage) }
        return chain
    }

    /// The first language of `chain` that `tenant` publishes in (its default at worst).
    static func first(of chain: [String], in tenant: Tenant) -> String {
        chain.first(where: tenant.languages.contains) ?? tenant.defaultLanguage
    }

    /// The tags of an `Accept-Language` field, by falling weight, without `*`, weight 0
    /// and what is not a language tag; at most eight.
    static func accepted(_ field: String) -> [String] {
        var weighted: [(tag: String, weight: Double, position: Int)] = []
        for (position, part) in field.split(separator: ",").prefix(32).enumerated() {
            let pieces = part.split(separator: ";")
            guard let first = pieces.first, let tag = canonical(first.trimmed), tag != "*" else { continue }
            var weight = 1.0
            for parameter in pieces.dropFirst() {
                let text = parameter.trimmed
                if text.hasPrefix("q=") { weight = Double(text.dropFirst(2)) ?? 0 }
            }
            guard weight > 0, LanguageTag.isValid(tag), !weighted.contains(where: { $0.tag == tag }) else { continue }
            weighted.append((tag, weight, position))
        }
        return weighted.sorted { ($0.weight, -$0.position) > ($1.weight, -$1.position) }.prefix(8).map(\.tag)
    }

    /// A tag in the case BCP 47 recommends (`es-MX`, `zh-Hans`), or `nil` when it holds
    /// anything but ASCII letters, digits and hyphens.
    static func canonical(_ text: Substring) -> String? {
        if text == "*" { return "*" }
        guard !text.isEmpty, text.count <= 35,
            text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        else { return nil }
        return LanguageTag.canonical(String(text))
    }
}

extension Substring {
    /// The text without spaces and tabs around it.
    var trimmed: Substring {
        var text = drop { $0 == " " || $0 == "\t" }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
