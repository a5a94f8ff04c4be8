internal import Foundation

extension LocalCluster {
    /// Makes this cluster a hot standby of `primary` the first time (`pg_basebackup -R`: a copy
    /// of the primary's data that streams its changes from then on, through a replication slot
    /// named `slot`, so the primary keeps every change the standby has not yet received) and
    /// starts it unless it runs. The standby has its own socket under ``home``.
    /// - Throws: ``LocalClusterError`` when the copy or the start fails.
    public func startAsStandby(of primary: LocalCluster, slot: String) throws {
        let files = FileManager.default
        try files.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileLock.withLock(at: home + "/cluster.lock") {
            let programs = try ServerPrograms.locate()
            if !files.fileExists(atPath: dataDirectory + "/PG_VERSION") {
                try prepareHome(for: "pg_basebackup")
                try copy(primary, slot: slot, with: programs)
                try writeSettings()
            }
            try launch(with: programs)
        }
    }

    /// Whether the server is a standby (its data directory holds `standby.signal`).
    public var isStandby: Bool {
        FileManager.default.fileExists(atPath: dataDirectory + "/standby.signal")
    }

    /// Copies `primary` into the data directory, creating the replication slot, or using it
    /// when an earlier copy made it.
    private func copy(_ primary: LocalCluster, slot: String, with programs: ServerPrograms) throws {
        let arguments = [
            "-D", dataDirectory, "-h", primary.socketDirectory, "-p", "\(primary.port)", "-U", primary.superuser,
            "-R", "-X", "stream", "-c", "fast", "-S", slot,
        ]
        let (code, output) = try runner.run(programs.pgBasebackup, arguments + ["-C"])
        guard code != 0 else { return }
        guard output.contains("already exists") else {
            throw LocalClusterError.commandFailed("pg_basebackup", status: code, output: output)
        }
        try? FileManager.default.removeItem(atPath: dataDirectory)
        try runner.check(programs.pgBasebackup, arguments)
    }
}
