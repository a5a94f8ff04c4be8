internal import Kernel

/// Aligned columns with a header rule, fitted to a width by cutting the widest cells with
/// an ellipsis. Terminal styles in cells (`ESC [ ... m`, search matches in bold) take no
/// width, and a cut cell ends with its style reset.
struct TableText {
    let table: Table
    let width: Int?

    func render() -> String {
        let cells = ([table.columns] + table.rows.map { $0.map { ($0 ?? "").oneLine } })
        var widths = table.columns.indices.map { column in cells.map { $0[column].visibleCount }.max() ?? 0 }
        if let width {
            let available = width - 2 * max(0, widths.count - 1)
            while widths.reduce(0, +) > available, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
                widths[widest] > 8
            {
                widths[widest] -= 1
            }
        }
        var lines: [String] = []
        for (index, row) in cells.enumerated() {
            lines.append(
                zip(row, widths).map { cell, width in fit(cell, width) }.joined(separator: "  ").trimmedAtEnd
            )
            if index == 0 { lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func fit(_ cell: String, _ width: Int) -> String {
        let visible = cell.visibleCount
        if visible > width { return cell.visiblePrefix(max(0, width - 1)) + "…" }
        return cell + String(repeating: " ", count: width - visible)
    }
}

extension String {
    /// Calls `body` with each character and whether it is shown (not part of a terminal
    /// style, `ESC [ ... m`), until `body` returns false.
    private func walkStyles(_ body: (Character, Bool) -> Bool) {
        var inStyle = false
        for character in self {
            var shown = false
            if inStyle {
                if character.isLetter { inStyle = false }
            } else if character == "\u{1b}" {
                inStyle = true
            } else {
                shown = true
            }
            guard body(character, shown) else { return }
        }
    }

    /// The characters shown, terminal styles (`ESC [ ... m`) aside.
    fileprivate var visibleCount: Int {
        guard contains("\u{1b}") else { return count }
        var visible = 0
        walkStyles { _, shown in
            if shown { visible += 1 }
            return true
        }
        return visible
    }

    /// The first `length` characters shown, with the styles among them, and a reset.
    fileprivate func visiblePrefix(_ length: Int) -> String {
        guard contains("\u{1b}") else { return String(prefix(length)) }
        var text = ""
        var visible = 0
        walkStyles { character, shown in
            if shown {
                guard visible < length else { return false }
                visible += 1
            }
            text.append(character)
            return true
        }
        return text + "\u{1b}[0m"
    }
}

extension String {
    /// Line breaks shown as spaces, for one-line cells.
    var oneLine: String {
        String(map { $0.isNewline ? " " : $0 })
    }

    var trimmedAtEnd: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
