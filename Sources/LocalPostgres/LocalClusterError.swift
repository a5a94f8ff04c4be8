/// Why the local PostgreSQL cluster could not be created, started or stopped.
public struct LocalClusterError: Error, Sendable, CustomStringConvertible {
    private enum Base: Sendable {
        case serverNotInstalled
        case commandFailed
        case unreachableHome
        case socketPathTooLong
        case failoverNotInstalled
        case failoverTimedOut
    }
    private let base: Base
    /// What went wrong and what to do about it.
    public let message: String

    private init(_ base: Base, _ message: String) {
        self.base = base
        self.message = message
    }

    public var description: String { message }

    /// No PostgreSQL server programs are installed.
    static func serverNotInstalled(searched roots: [String]) -> LocalClusterError {
        LocalClusterError(
            .serverNotInstalled,
            "the PostgreSQL server programs (initdb, pg_ctl) were not found on PATH or under "
                + roots.map { "\($0)/*/bin" }.joined(separator: ", ")
                + "; install them with: apt-get install postgresql (or set DATABASE_URL to use another server)"
        )
    }

    /// A server program exited with an error.
    static func commandFailed(_ command: String, status: Int32, output: String) -> LocalClusterError {
        let trimmed = output.split(separator: "\n").suffix(15).joined(separator: "\n")
        return LocalClusterError(.commandFailed, "\(command) failed with exit status \(status):\n\(trimmed)")
    }

    /// The unprivileged user cannot reach the cluster's directory.
    static func unreachableHome(_ home: String, user: String) -> LocalClusterError {
        LocalClusterError(
            .unreachableHome,
            "the PostgreSQL service user '\(user)' cannot write to \(home); "
                + "set MICIC_HOME to a directory it can reach, for example /var/lib/micic"
        )
    }

    /// Unix socket paths are limited to about 100 bytes.
    static func socketPathTooLong(_ path: String) -> LocalClusterError {
        LocalClusterError(
            .socketPathTooLong,
            "the socket directory \(path) is too long for a unix socket; set MICIC_HOME to a shorter path"
        )
    }

    /// pg_auto_failover is not installed.
    static func failoverNotInstalled(package: String) -> LocalClusterError {
        LocalClusterError(
            .failoverNotInstalled,
            "pg_auto_failover (pg_autoctl) was not found; install it with: apt-get install \(package)"
        )
    }

    /// A failover formation did not reach the state waited for in time.
    static func failoverTimedOut(_ waited: String, states: String, log: String) -> LocalClusterError {
        LocalClusterError(
            .failoverTimedOut,
            "the failover formation did not get \(waited) in time (nodes: \(states)); see \(log)"
        )
    }
}
