internal import Foundation

/// The PostgreSQL server programs a local cluster is made and run with.
public struct ServerPrograms: Sendable, Hashable {
    /// Path of `initdb`.
    public let initdb: String
    /// Path of `pg_ctl`.
    public let pgCtl: String
    /// Path of `pg_basebackup` (a standby's first copy of its primary): beside `pg_ctl`, or
    /// beside the file a linked `pg_ctl` leads to.
    public var pgBasebackup: String {
        let beside = (pgCtl as NSString).deletingLastPathComponent + "/pg_basebackup"
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        let real = URL(fileURLWithPath: pgCtl).resolvingSymlinksInPath().deletingLastPathComponent()
        return real.appendingPathComponent("pg_basebackup").path
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
