internal import Foundation

/// One data node of a failover formation as its monitor sees it (`pg_autoctl show state`).
public struct FailoverNode: Sendable, Equatable, CustomStringConvertible {
    /// The node's name in the formation (`node-1`, `node-2`).
    public let name: String
    /// The node's port (its socket is `.s.PGSQL.<port>` in the formation's socket directory).
    public let port: Int
    /// The state the node last reported: `single`, `primary`, `wait_primary`, `secondary`,
    /// `catchingup`, `demoted`...
    public let reportedState: String
    /// The state the monitor assigned to it.
    public let assignedState: String
    /// Whether the monitor's last health check reached the node.
    public let healthy: Bool

    /// Whether the node takes writes and is meant to (reported and assigned alike).
    public var isPrimary: Bool {
        Self.writing.contains(reportedState) && Self.writing.contains(assignedState)
    }

    /// Whether the node is a standby in step with the primary.
    public var isSecondary: Bool {
        reportedState == "secondary" && assignedState == "secondary"
    }

    public var description: String {
        reportedState == assignedState
            ? "\(name) \(reportedState)" : "\(name) \(reportedState) (going \(assignedState))"
    }

    /// Reads the nodes from `pg_autoctl show state --json`.
    static func nodes(fromJSON text: String) -> [FailoverNode] {
        guard let data = text.data(using: .utf8),
            let entries = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        else { return [] }
        return entries.compactMap { entry in
            guard let name = entry["nodename"] as? String, let port = entry["nodeport"] as? Int,
                let reported = entry["current_group_state"] as? String,
                let assigned = entry["assigned_group_state"] as? String
            else { return nil }
            return FailoverNode(
                name: name,
                port: port,
                reportedState: reported,
                assignedState: assigned,
                healthy: (entry["health"] as? Int) == 1
            )
        }
    }

    /// The states in which a node takes writes.
    private static let writing: Set<String> = ["single", "primary", "wait_primary"]
}
