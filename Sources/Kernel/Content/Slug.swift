internal import Foundation

/// URL-safe names made from titles: lowercase ASCII letters, digits and hyphens, accents
/// folded (`Gestión de crisis` gives `gestion-de-crisis`).
public enum Slug {
    /// The longest slug made from a title.
    public static let maximumLength = 80

    /// The slug for `title`; `item` when nothing of it is Latin.
    public static func make(from title: String) -> String {
        var slug = ""
        var pendingHyphen = false
        for scalar in title.decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            let replacement: String
            switch scalar {
            case "a"..."z", "0"..."9": replacement = String(scalar)
            case "A"..."Z": replacement = String(scalar).lowercased()
            case "ß": replacement = "ss"
            case "æ", "Æ": replacement = "ae"
            case "œ", "Œ": replacement = "oe"
            case "ø", "Ø": replacement = "o"
            case "ł", "Ł": replacement = "l"
            case "đ", "Đ": replacement = "d"
            case "þ", "Þ": replacement = "th"
            default:
                pendingHyphen = !slug.isEmpty
                continue
            }
            if pendingHyphen { slug += "-" }
            pendingHyphen = false
            slug += replacement
        }
        if slug.count > maximumLength {
            slug = String(slug.prefix(maximumLength))
            if let cut = slug.lastIndex(of: "-"), slug.distance(from: slug.startIndex, to: cut) > maximumLength / 2 {
                slug = String(slug[..<cut])
            }
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug.isEmpty ? "item" : slug
    }

    /// Whether `text` is a valid slug (as people may set one by hand).
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.count <= maximumLength && !text.hasPrefix("-") && !text.hasSuffix("-")
            && !text.contains("--")
            && text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// `base`, or `base-2`, `base-3`, ... : the first not in `taken`.
    public static func unique(_ base: String, avoiding taken: Set<String>) -> String {
        guard taken.contains(base) else { return base }
        var number = 2
        while taken.contains("\(base)-\(number)") { number += 1 }
        return "\(base)-\(number)"
    }
}
