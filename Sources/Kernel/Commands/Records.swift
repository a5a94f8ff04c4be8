/// What a command produces and a pipe passes on: items, or a table of text.
public enum Records: Sendable {
    case items([Item])
    case table(Table)
    case none

    /// The ids the next command of a pipe receives (or a variable keeps).
    public var ids: [String] {
        switch self {
        case .items(let items): items.map { String($0.id) }
        case .table(let table):
            table.columns.firstIndex(of: "id").map { column in table.rows.compactMap { $0[column] } } ?? []
        case .none: []
        }
    }
}
