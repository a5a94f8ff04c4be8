/// Aligned columns with a header rule, fitted to a width by cutting the widest cells with
/// an ellipsis.
struct TableText {
    let table: Table
    let width: Int?

    func render() -> String {
        let cells = ([table.columns] + table.rows.map { $0.map { ($0 ?? "").oneLine } })
        var widths = table.columns.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
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
        if cell.count > width { return String(cell.prefix(max(0, width - 1))) + "…" }
        return cell + String(repeating: " ", count: width - cell.count)
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
