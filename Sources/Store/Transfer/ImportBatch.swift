internal import Postgres

/// One transaction's share of an import's staged rows: the lines `after < line <= through`.
struct ImportBatch: Sendable {
    /// Its place among the batches left to merge, from 0.
    let index: Int
    let after: Int
    let through: Int
    /// The staged rows it holds.
    let rows: Int

    /// The batches of at most `size` staged rows after line `after`, in line order.
    static func plan(after: Int, size: Int, on connection: isolated Connection) throws -> [ImportBatch] {
        let ends = try connection.query(
            """
            select line, n from (
                select line, row_number() over (order by line) as n, count(*) over () as total
                from micic_import_rows where line > \(after)
            ) as staged
            where n % \(size) = 0 or n = total order by line
            """
        )
        var batches: [ImportBatch] = []
        var previous = (line: after, count: 0)
        for end in ends {
            let line: Int = try end.decode(column: "line")
            let count: Int = try end.decode(column: "n")
            batches.append(
                ImportBatch(index: batches.count, after: previous.line, through: line, rows: count - previous.count)
            )
            previous = (line, count)
        }
        return batches
    }
}
