/// Why migrating stopped.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    private enum Base: Sendable {
        case changed
        case encoding
        case failed
        case missingFolder
        case unreadable
    }
    private let base: Base
    /// The migration (or folder) concerned.
    public let name: String
    /// What went wrong and what to do.
    public let message: String

    private init(_ base: Base, name: String, message: String) {
        self.base = base
        self.name = name
        self.message = message
    }

    public var description: String { message }

    /// Whether the error is an applied file whose content changed.
    public var isChangedFile: Bool { base == .changed }

    static func changed(_ name: String, recorded: String, current: String) -> MigrationError {
        MigrationError(
            .changed,
            name: name,
            message: "migration \(name) was applied with checksum \(recorded.prefix(12)) but the file now has "
                + "\(current.prefix(12)); applied migrations must not change: restore the file and add a new migration"
        )
    }

    static func encoding(_ encoding: String) -> MigrationError {
        MigrationError(
            .encoding,
            name: encoding,
            message: "the database's encoding is \(encoding), and micic needs UTF8: create the database with "
                + "`createdb --encoding=UTF8 --template=template0 NAME` and point micic at it"
        )
    }

    static func failed(_ name: String, _ error: any Error) -> MigrationError {
        let reason = (error as? any PostgresErrorDescribing)?.migrationReason ?? "\(error)"
        return MigrationError(.failed, name: name, message: "migration \(name) failed and was rolled back: \(reason)")
    }

    static func missingFolder(_ path: String) -> MigrationError {
        MigrationError(.missingFolder, name: path, message: "the migration folder \(path) does not exist")
    }

    static func unreadable(_ name: String) -> MigrationError {
        MigrationError(.unreadable, name: name, message: "the migration file \(name) cannot be read as UTF-8 text")
    }
}

/// Lets the migration error quote the server's message for SQL written by the project
/// itself (migration files hold no user data).
protocol PostgresErrorDescribing {
    var migrationReason: String { get }
}
