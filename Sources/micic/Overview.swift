import Kernel
import Postgres
import Store

/// What `micic` shows when started without a command: each tenant with its content by
/// type and state, and the latest items.
struct Overview {
    let registry: PluginRegistry

    func render(on connection: Connection) async throws -> String {
        let store = PostgresContentStore(connection: connection, registry: registry)
        let tenants = try await connection.run { try TenantDirectory().list(on: $0) }
        if tenants.isEmpty { return "No tenants yet: load the demonstration content with `micic demo load`.\n" }
        var text = ""
        for tenant in tenants {
            text += "\(tenant.code)  \(tenant.name)  (languages: \(tenant.languages.joined(separator: ", ")))"
            text += tenant.isArchived ? "  [archived]\n" : "\n"
            for type in registry.contentTypes {
                var counts: [String: Int] = [:]
                var query = ItemQuery(type: type.name, limit: 1000)
                while true {
                    let page = try await store.list(query, tenant: tenant.code)
                    for item in page.items { counts[item.status, default: 0] += 1 }
                    guard let next = page.next else { break }
                    query.after = next
                }
                guard !counts.isEmpty else { continue }
                let states = type.workflow.states.compactMap { state in counts[state].map { "\($0) \(state)" } }
                text += "    \(type.plural): " + states.joined(separator: ", ") + "\n"
            }
            let latest = try await store.list(ItemQuery(limit: 5), tenant: tenant.code).items
            let rows = latest.map { [String($0.id), $0.type, $0.language, $0.status, $0.title] }
            text += TextTable(header: ["id", "type", "lang", "status", "title"], rows: rows).render(indent: 4) + "\n"
        }
        return text
    }
}

/// Columns aligned with spaces, long cells cut with an ellipsis.
struct TextTable {
    let header: [String]
    let rows: [[String]]
    var maximumWidth = 60

    func render(indent: Int = 0) -> String {
        let cells = ([header] + rows).map { row in row.map { cut($0) } }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        return cells.map { row in
            String(repeating: " ", count: indent)
                + zip(row, widths).map { cell, width in cell + String(repeating: " ", count: width - cell.count) }
                .joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    private func cut(_ cell: String) -> String {
        cell.count <= maximumWidth ? cell : String(cell.prefix(maximumWidth - 1)) + "…"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
