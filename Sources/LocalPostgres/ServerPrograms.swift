internal import Foundation

/// The PostgreSQL server programs a local cluster is made and run with.
public struct ServerPrograms: Sendable, Hashable {
    /// Path of `initdb`.
    public let initdb: String
    /// Path of `pg_ctl`.
    public let pgCtl: String
    /// Path of `pg_basebackup` (a standby's first copy of its primary).
    public var pgBasebackup: String { program("pg_basebackup") }
    /// Path of the `pg_ctl` file itself when ``pgCtl`` is a link: the server's other programs
    /// are beside it (pg_auto_failover looks for them there).
    public var installedPgCtl: String {
        URL(fileURLWithPath: pgCtl).resolvingSymlinksInPath().path
    }
    /// Path of `psql` (a failover formation's few settings that only SQL makes).
    public var psql: String { program("psql") }

    /// Path of `pg_autoctl` (pg_auto_failover's keeper and monitor): beside `pg_ctl`, else on
    /// `PATH` (Debian installs it in `/usr/bin`).
    /// - Throws: ``LocalClusterError`` naming the package to install when it is missing.
    public func pgAutoctl(path: String? = nil) throws -> String {
        let beside = program("pg_autoctl")
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let directories = (path ?? ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        for directory in directories + ["/usr/bin"]
        where FileManager.default.isExecutableFile(atPath: "\(directory)/pg_autoctl") {
            return "\(directory)/pg_autoctl"
        }
        let version = URL(fileURLWithPath: pgCtl).resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().lastPathComponent
        throw LocalClusterError.failoverNotInstalled(
            package: "postgresql-\(Int(version) != nil ? version : "15")-auto-failover"
        )
    }

    /// The program `name` installed with the server: beside `pg_ctl`, or beside the file a
    /// linked `pg_ctl` leads to.
    func program(_ name: String) -> String {
        let beside = (pgCtl as NSString).deletingLastPathComponent + "/" + name
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let real = URL(fileURLWithPath: pgCtl).resolvingSymlinksInPath().deletingLastPathComponent()
        return real.appendingPathComponent(name).path
    }

    /// Finds `initdb` and `pg_ctl`: first on `path` (default: `PATH`), then in the newest
    /// `<root>/<version>/bin` under each search root (Debian keeps them in
    /// `/usr/lib/postgresql/15/bin`, off the `PATH`).
    /// - Throws: ``LocalClusterError`` naming the package to install when none is found.
    public static func locate(
        path: String? = nil,
        searchRoots: [String] = ["/usr/lib/postgresql"]
    ) throws -> ServerPrograms {
        let files = FileManager.default
        let pathDirectories = (path ?? ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(
            String.init
        )
        for directory in pathDirectories where files.isExecutableFile(atPath: directory + "/initdb") {
            if files.isExecutableFile(atPath: directory + "/pg_ctl") {
                return ServerPrograms(initdb: directory + "/initdb", pgCtl: directory + "/pg_ctl")
            }
        }
        for root in searchRoots {
            let versions = (try? files.contentsOfDirectory(atPath: root)) ?? []
            for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
                let bin = "\(root)/\(version)/bin"
                if files.isExecutableFile(atPath: bin + "/initdb") && files.isExecutableFile(atPath: bin + "/pg_ctl") {
                    return ServerPrograms(initdb: bin + "/initdb", pgCtl: bin + "/pg_ctl")
                }
            }
        }
        throw LocalClusterError.serverNotInstalled(searched: searchRoots)
    }
}
