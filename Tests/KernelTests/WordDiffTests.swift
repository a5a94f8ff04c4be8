import Kernel
import Testing

@Suite struct WordDiffTests {
    @Test func marksRemovedAndAddedWords() {
        #expect(
            WordDiff.between("How consulates helped", "How embassies helped")
                == "How [-consulates-] {+embassies+} helped"
        )
        #expect(WordDiff.between("a b c", "a b c d") == "a b c {+d+}")
        #expect(WordDiff.between("a b c", "b c") == "[-a-] b c")
        #expect(WordDiff.between("same", "same") == "same")
    }

    @Test func aLongBodyWithScatteredChangesGivesTheDiffThatLeadsFromOneToTheOther() {
        var random = SeededRandom(seed: 42)
        let vocabulary = (0..<800).map { "w\($0)" } + ["consulates", "migrants", "crisis", "evacuation", "the", "of"]
        let before = (0..<20_000).map { _ in vocabulary[random.next(below: vocabulary.count)] }
        var after = before
        // 300 changes: words replaced, inserted and removed here and there.
        let changes = 300
        for _ in 0..<changes {
            let position = random.next(below: after.count)
            switch random.next(below: 3) {
            case 0: after[position] = "new\(random.next(below: 1_000))"
            case 1: after.insert("added\(random.next(below: 1_000))", at: position)
            default: after.remove(at: position)
            }
        }
        let diff = WordDiff.between(before.joined(separator: " "), after.joined(separator: "\n"))
        let sides = Self.sides(of: diff)
        #expect(sides.before == before)
        #expect(sides.after == after)
        // A real difference, not the whole text replaced: each change marks a group or two.
        let groups = diff.split(separator: " ").filter { $0.hasPrefix("[-") || $0.hasPrefix("{+") }.count
        #expect(groups <= 2 * changes)
        #expect(sides.unchanged >= before.count - changes)
    }

    @Test func shortTextsGetAShortestDifference() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<500 {
            let before = (0..<random.next(below: 12)).map { _ in ["a", "b", "c", "d"][random.next(below: 4)] }
            let after = (0..<random.next(below: 12)).map { _ in ["a", "b", "c", "d"][random.next(below: 4)] }
            let diff = WordDiff.between(before.joined(separator: " "), after.joined(separator: " "))
            let sides = Self.sides(of: diff)
            #expect(sides.before == before && sides.after == after, "\(diff)")
            #expect(sides.unchanged == Self.longestCommonSubsequence(before, after), "\(before) \(after): \(diff)")
        }
    }

    @Test func beyondTheWorkLimitTheMiddleIsShownReplacedWhole() {
        #expect(WordDiff.between("a b c d e", "a x c y e") == "a [-b-] {+x+} c [-d-] {+y+} e")
        #expect(WordDiff.between("a b c d e", "a x c y e", workLimit: 1) == "a [-b c d-] {+x c y+} e")
        #expect(WordDiff.between("a b", "c d", workLimit: 1) == "[-a b-] {+c d+}")
        #expect(WordDiff.between("", "c d") == "{+c d+}")
        #expect(WordDiff.between("a b", "") == "[-a b-]")
        #expect(WordDiff.between("", "") == "")
    }

    /// The length of the longest common subsequence, by the textbook table.
    private static func longestCommonSubsequence(_ a: [String], _ b: [String]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in a.indices {
            for j in b.indices {
                table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
            }
        }
        return table[a.count][b.count]
    }

    /// The words of the text before and of the text after, read back from a diff, and how
    /// many words it leaves unmarked.
    private static func sides(of diff: String) -> (before: [String], after: [String], unchanged: Int) {
        var before: [String] = []
        var after: [String] = []
        var unchanged = 0
        var group: Character?
        for token in diff.split(separator: " ") {
            var word = Substring(token)
            if group == nil, word.hasPrefix("[-") || word.hasPrefix("{+") {
                group = word.first
                word = word.dropFirst(2)
            }
            var closes = false
            if (group == "[" && word.hasSuffix("-]")) || (group == "{" && word.hasSuffix("+}")) {
                word = word.dropLast(2)
                closes = true
            }
            if group == nil { unchanged += 1 }
            if group != "{" { before.append(String(word)) }
            if group != "[" { after.append(String(word)) }
            if closes { group = nil }
        }
        return (before, after, unchanged)
    }
}

/// A small deterministic generator (a linear congruential one), so the long test is the
/// same on every run.
private struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
