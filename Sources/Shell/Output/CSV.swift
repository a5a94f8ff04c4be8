/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold a comma, a
/// quote or a line break (quotes doubled).
enum CSV {
    static func render(_ table: Table) -> String {
        var text = line(table.columns)
        for row in table.rows { text += line(row.map { $0 ?? "" }) }
        return text
    }

    private static func line(_ fields: [String]) -> String {
        fields.map(quote).joined(separator: ",") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return field
        }
        return "\"" + field.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
