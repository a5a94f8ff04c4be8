/// A word-by-word difference between two texts, written as `git diff --word-diff` does:
/// removed words in `[-…-]`, added ones in `{+…+}`.
public enum WordDiff {
    /// `after` with the words it lost from `before` and the words it gained marked.
    ///
    /// ```swift
    /// WordDiff.between("How consulates helped", "How embassies helped")
    /// // "How [-consulates-] {+embassies+} helped"
    /// ```
    public static func between(_ before: String, _ after: String) -> String {
        let old = before.split(whereSeparator: \.isWhitespace).map(String.init)
        let new = after.split(whereSeparator: \.isWhitespace).map(String.init)
        // Longest common subsequence table, from the ends.
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var words: [String] = []
        var removed: [String] = []
        var added: [String] = []
        func flush() {
            if !removed.isEmpty { words.append("[-" + removed.joined(separator: " ") + "-]") }
            if !added.isEmpty { words.append("{+" + added.joined(separator: " ") + "+}") }
            removed = []
            added = []
        }
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count && j < new.count && old[i] == new[j] {
                flush()
                words.append(old[i])
                i += 1
                j += 1
            } else if j < new.count && (i == old.count || table[i][j + 1] >= table[i + 1][j]) {
                added.append(new[j])
                j += 1
            } else {
                removed.append(old[i])
                i += 1
            }
        }
        flush()
        return words.joined(separator: " ")
    }
}
