/// A word-by-word difference between two texts, written as `git diff --word-diff` does:
/// removed words in `[-…-]`, added ones in `{+…+}`.
///
/// The difference is a shortest one (fewest words removed and added), found with Myers'
/// algorithm in its linear-space form ("An O(ND) Difference Algorithm and Its Variations",
/// 1986, section 4b): memory grows with the length of the texts, never with their product,
/// and time with their length times the number of words that differ.
public enum WordDiff {
    /// How much work ``between(_:_:workLimit:)`` does by default before it gives up on a
    /// shortest difference: twenty million steps. Two texts of ten thousand words that differ
    /// in 2,500 places stay below it; two of ten thousand words that share none go past it.
    public static let defaultWorkLimit = 20_000_000

    /// `after` with the words it lost from `before` and the words it gained marked.
    ///
    /// ```swift
    /// WordDiff.between("How consulates helped", "How embassies helped")
    /// // "How [-consulates-] {+embassies+} helped"
    /// ```
    ///
    /// The words the texts begin and end with alike are always kept. Between them, when a
    /// shortest difference would take more than `workLimit` steps (a step is a word compared
    /// or a diagonal of Myers' edit graph visited: long texts that differ nearly everywhere),
    /// the whole of the old middle is shown removed and the whole of the new one added:
    /// still a true difference, only not a short one.
    /// - Parameters:
    ///   - before: the old text.
    ///   - after: the new text.
    ///   - workLimit: the steps allowed before falling back; ``defaultWorkLimit`` unless told.
    public static func between(_ before: String, _ after: String, workLimit: Int = defaultWorkLimit) -> String {
        let old = before.split(whereSeparator: \.isWhitespace).map(String.init)
        let new = after.split(whereSeparator: \.isWhitespace).map(String.init)
        // Words become numbers, compared faster than strings.
        var numbers: [String: Int] = [:]
        func number(_ word: String) -> Int {
            if let known = numbers[word] { return known }
            numbers[word] = numbers.count
            return numbers.count - 1
        }
        var script = EditScript(old: old.map(number), new: new.map(number), workLimit: workLimit)
        script.find()
        return written(old: old, new: new, kept: script)
    }

    /// The texts' words, common ones plain, the others marked in groups between them.
    private static func written(old: [String], new: [String], kept script: EditScript) -> String {
        var words: [String] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            let removed = i
            while i < old.count && !script.keptOld[i] { i += 1 }
            let added = j
            while j < new.count && !script.keptNew[j] { j += 1 }
            if removed < i { words.append("[-" + old[removed..<i].joined(separator: " ") + "-]") }
            if added < j { words.append("{+" + new[added..<j].joined(separator: " ") + "+}") }
            if i < old.count && j < new.count {
                words.append(old[i])
                i += 1
                j += 1
            }
        }
        return words.joined(separator: " ")
    }
}

/// Which words of two sequences a shortest edit script keeps: the k-th kept word of the old
/// sequence is the k-th kept word of the new one.
private struct EditScript {
    let old: [Int]
    let new: [Int]
    private(set) var keptOld: [Bool]
    private(set) var keptNew: [Bool]
    private var work = 0
    private let workLimit: Int
    // The furthest x reached on each diagonal k, forwards then backwards (see `index`);
    // shared by every middle-snake search, which run one after the other.
    private var furthest: [Int]
    private let offset: Int

    init(old: [Int], new: [Int], workLimit: Int) {
        self.old = old
        self.new = new
        self.workLimit = workLimit
        keptOld = Array(repeating: false, count: old.count)
        keptNew = Array(repeating: false, count: new.count)
        offset = (old.count + new.count + 1) / 2 + 1
        furthest = Array(repeating: 0, count: 2 * (2 * offset + 1))
    }

    /// Marks the kept words: a shortest script's, or only the common beginning and end when
    /// the work limit is passed.
    mutating func find() {
        var (x, y, u, v) = (0, 0, old.count, new.count)
        keepEnds(&x, &y, &u, &v)
        guard x < u && y < v else { return }
        let wholeMiddle = (keptOld, keptNew)
        if !compare(x, y, u, v) { (keptOld, keptNew) = wholeMiddle }
    }

    /// Keeps the words `old[x..<u]` and `new[y..<v]` begin and end with alike, and narrows
    /// the ranges to what lies between.
    private mutating func keepEnds(_ x: inout Int, _ y: inout Int, _ u: inout Int, _ v: inout Int) {
        while x < u && y < v && old[x] == new[y] {
            keptOld[x] = true
            keptNew[y] = true
            x += 1
            y += 1
        }
        while x < u && y < v && old[u - 1] == new[v - 1] {
            u -= 1
            v -= 1
            keptOld[u] = true
            keptNew[v] = true
        }
    }

    /// Marks what a shortest script from `old[x..<u]` to `new[y..<v]` keeps; `false` when
    /// the work limit was passed.
    private mutating func compare(_ x: Int, _ y: Int, _ u: Int, _ v: Int) -> Bool {
        var (x, y, u, v) = (x, y, u, v)
        keepEnds(&x, &y, &u, &v)
        // One side empty: everything else is removed or added. Otherwise at least two edits
        // remain, so both halves around the middle snake are smaller than the whole.
        guard x < u && y < v else { return true }
        guard let snake = middleSnake(x, y, u, v) else { return false }
        guard compare(x, y, snake.x, snake.y) else { return false }
        for step in 0..<(snake.u - snake.x) {
            keptOld[snake.x + step] = true
            keptNew[snake.y + step] = true
        }
        return compare(snake.u, snake.v, u, v)
    }

    /// The middle snake of a shortest path from `(x, y)` to `(u, v)` in absolute positions:
    /// a run of common words `old[x'..<u']` = `new[y'..<v']` that a shortest script keeps,
    /// found by searching from both corners, one more edit at a time, until the searches
    /// meet (the backward one counts x and y from its own corner). `nil` past the limit.
    private mutating func middleSnake(
        _ x0: Int,
        _ y0: Int,
        _ u0: Int,
        _ v0: Int
    ) -> (x: Int, y: Int, u: Int, v: Int)? {
        let (n, m) = (u0 - x0, v0 - y0)
        let delta = n - m
        let (old, new) = (self.old, self.new)
        furthest[index(backwards: false, 1)] = 0
        furthest[index(backwards: true, 1)] = 0
        for d in 0...((n + m + 1) / 2) {
            work += 2 * d + 2
            if work > workLimit { return nil }
            for backwards in [false, true] {
                // With n - m odd, the forward search meets the backward one of the edit
                // before; with it even, the backward search meets the forward one of this edit.
                let meets = backwards == (delta % 2 == 0)
                let reach = backwards ? d : d - 1
                for k in stride(from: -d, through: d, by: 2) {
                    let down = furthest[index(backwards: backwards, k + 1)]
                    let right = furthest[index(backwards: backwards, k - 1)] + 1
                    let start = k == -d || (k != d && right <= down) ? down : right
                    var x = start
                    if backwards {
                        while x < n && x - k < m && old[u0 - 1 - x] == new[v0 - 1 - x + k] { x += 1 }
                    } else {
                        while x < n && x - k < m && old[x0 + x] == new[y0 + x - k] { x += 1 }
                    }
                    work += x - start
                    furthest[index(backwards: backwards, k)] = x
                    let other = delta - k
                    guard meets && abs(other) <= reach && x + furthest[index(backwards: !backwards, other)] >= n
                    else { continue }
                    return backwards
                        ? (u0 - x, v0 - x + k, u0 - start, v0 - start + k)
                        : (x0 + start, y0 + start - k, x0 + x, y0 + x - k)
                }
            }
        }
        return nil  // Not reached: the searches meet by d = ⌈(n + m) / 2⌉.
    }

    /// Where `furthest` keeps diagonal `k` of the search in one direction.
    private func index(backwards: Bool, _ k: Int) -> Int {
        (backwards ? 2 * offset + 1 : 0) + offset + k
    }
}
