/// Validates BCP-47 language tags (`es`, `es-MX`, `zh-Hans`, `sr-Latn-RS`) whose primary
/// subtag is an ISO 639-1 code or a three-letter ISO 639-2/3 code.
public enum LanguageTag {
    /// Whether `tag` is a well-formed tag with a known primary language.
    public static func isValid(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard let primary = parts.first, isLetters(primary) else { return false }
        if primary.count == 2 {
            guard iso639_1.contains(primary) else { return false }
        } else if primary.count != 3 {
            return false
        }
        var position = 1
        if position < parts.count, parts[position].count == 4, isLetters(parts[position].lowercased()) { position += 1 }
        if position < parts.count,
            (parts[position].count == 2 && parts[position].allSatisfy(\.isLetter))
                || (parts[position].count == 3 && parts[position].allSatisfy(\.isNumber))
        {
            position += 1
        }
        while position < parts.count {
            let variant = parts[position]
            guard (4...8).contains(variant.count), variant.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            else {
                return false
            }
            position += 1
        }
        return true
    }

    /// `text` in the case BCP 47 recommends, without spaces around it: the language in lower
    /// case, a script in title case, a region in upper case (`ES-mx` gives `es-MX`,
    /// `zh-hans` gives `zh-Hans`). Whether it is a valid tag is ``isValid(_:)``'s to say.
    public static func canonical(_ text: String) -> String {
        text.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false).enumerated().map {
            index,
            part in
            if index == 0 { return part.lowercased() }
            switch part.count {
            case 2: return part.uppercased()
            case 4 where index == 1: return part.prefix(1).uppercased() + part.dropFirst().lowercased()
            default: return part.lowercased()
            }
        }.joined(separator: "-")
    }

    /// The tag and its fallbacks, most specific first: `es-MX` gives `es-MX`, `es`.
    public static func fallbacks(of tag: String) -> [String] {
        var parts = tag.split(separator: "-").map(String.init)
        var chain: [String] = []
        while !parts.isEmpty {
            chain.append(parts.joined(separator: "-"))
            parts.removeLast()
        }
        return chain
    }

    private static func isLetters(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isLowercase }
    }

    private static let iso639_1: Set<String> = [
        "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh", "bi",
        "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de", "dv",
        "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy", "ga", "gd",
        "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia", "id", "ie", "ig",
        "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk", "kl", "km", "kn", "ko",
        "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo", "lt", "lu", "lv", "mg", "mh",
        "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd", "ne", "ng", "nl", "nn", "no", "nr",
        "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru",
        "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su",
        "sv", "sw", "ta", "te", "tg", "th", "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug",
        "uk", "ur", "uz", "ve", "vi", "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
    ]

    /// The languages to read `tag` in, most wanted first: the tag, each shorter tag it
    /// starts with, then `fallback` (the tenant's default).
    ///
    /// ```swift
    /// LanguageTag.fallbacks(for: "es-MX", then: "en")   // ["es-MX", "es", "en"]
    /// ```
    public static func fallbacks(for tag: String, then fallback: String) -> [String] {
        var chain: [String] = []
        var parts = tag.split(separator: "-").map(String.init)
        while !parts.isEmpty {
            chain.append(parts.joined(separator: "-"))
            parts.removeLast()
        }
        if !chain.contains(fallback) { chain.append(fallback) }
        return chain
    }
}
