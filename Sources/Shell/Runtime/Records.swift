public import Kernel

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
            if let column = table.columns.firstIndex(of: "id") {
                table.rows.compactMap { $0[column] }
            } else {
                table.rows.compactMap(\.first).compactMap { $0 }
            }
        case .none: []
        }
    }
}
