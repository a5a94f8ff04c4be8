internal import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// The unprivileged system user a root process runs its PostgreSQL server as.
enum ServiceUser {
    /// `postgres` when it exists (the server package makes it), else `micic`, created as a
    /// system user without a login shell on first use.
    static func name() -> String {
        if getpwnam("postgres") != nil { return "postgres" }
        if getpwnam("micic") == nil {
            _ = try? ProcessRunner(user: nil).run(
                "/usr/sbin/useradd",
                ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "micic"]
            )
        }
        return "micic"
    }

    /// Gives `path` to `user`.
    static func hand(_ path: String, to user: String) throws {
        guard let entry = getpwnam(user) else {
            throw LocalClusterError.unreachableHome(path, user: user)
        }
        guard chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
            throw LocalClusterError.unreachableHome(path, user: user)
        }
    }
}
