/// The known names close to a mistyped one, for "did you mean" messages: the one helper behind
/// every suggestion the platform makes (fields, vocabulary codes, content types, columns, flags,
/// commands).
///
/// ```swift
/// NameSuggestions.hint("sumary", among: ["title", "summary"])  // " (did you mean summary?)"
/// NameSuggestions.nearest(to: "practise", among: ["practice", "news"], within: 2)  // ["practice"]
/// ```
public enum NameSuggestions {
    /// The names within `maxDistance` edits of `word`, nearest first (names as near as each other
    /// keep the order they were given in).
    ///
    /// - Parameters:
    ///   - word: the mistyped name.
    ///   - names: the known names.
    ///   - maxDistance: the most edits a suggestion may be away.
    ///   - limit: the most suggestions returned.
    ///   - ignoringCase: whether case counts as a difference.
    /// - Returns: the suggestions, possibly none.
    public static func nearest(
        to word: String,
        among names: some Sequence<String>,
        within maxDistance: Int = 3,
        limit: Int = .max,
        ignoringCase: Bool = false
    ) -> [String] {
        let key = ignoringCase ? word.lowercased() : word
        return names.enumerated()
            .map {
                (
                    name: $0.element, order: $0.offset,
                    distance: EditDistance.between(ignoringCase ? $0.element.lowercased() : $0.element, key)
                )
            }
            .filter { $0.distance <= maxDistance }
            .sorted { ($0.distance, $0.order) < ($1.distance, $1.order) }
            .prefix(limit)
            .map(\.name)
    }

    /// ` (did you mean NAME?)` for the nearest name within `maxDistance` edits of `word`, or
    /// nothing when none is that near.
    ///
    /// - Parameters:
    ///   - word: the mistyped name.
    ///   - names: the known names.
    ///   - maxDistance: the most edits the suggestion may be away.
    ///   - prefix: written before the name (`--` for a flag).
    /// - Returns: the text to append to a message, or an empty string.
    public static func hint(
        _ word: String,
        among names: some Sequence<String>,
        within maxDistance: Int = 3,
        prefix: String = ""
    ) -> String {
        guard let nearest = nearest(to: word, among: names, within: maxDistance, limit: 1).first else { return "" }
        return " (did you mean \(prefix)\(nearest)?)"
    }
}
