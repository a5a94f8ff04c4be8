public import struct Foundation.Date

/// Whether one migration was applied, is pending, or changed after it was applied.
public struct MigrationStatus: Sendable, Hashable {
    /// The state of a migration.
    public enum State: Sendable, Hashable {
        case applied(Date)
        case pending
        /// A file that changed after it was applied: migrating refuses to go on.
        case changed
        /// A definition from the registry that changed since it was applied: migrating
        /// applies it again.
        case redefined
    }

    /// The migration's name.
    public let name: String
    /// Its state in the database.
    public let state: State
}
