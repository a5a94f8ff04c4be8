/// Writes RFC 4180 CSV: cells quoted when they hold a comma, a quote or a line break
/// (quotes doubled), records ended by CRLF.
public enum CSVText {
    /// One record, with its line end.
    public static func line(_ cells: [String]) -> String {
        var text = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { text += "," }
            text += quote(cell)
        }
        return text + "\r\n"
    }

    /// A cell, quoted when it must be.
    public static func quote(_ cell: String) -> String {
        guard cell.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return cell
        }
        return "\"" + cell.replacing("\"", with: "\"\"") + "\""
    }
}
