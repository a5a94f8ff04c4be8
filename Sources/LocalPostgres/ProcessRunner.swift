internal import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Runs a program to completion, optionally as another user, and captures its output.
///
/// It spawns with `posix_spawn` and waits with `waitpid` rather than using Foundation's
/// `Process`, which watches for the end of a child through a descriptor that a server
/// started by `pg_ctl` inherits and keeps open, so that waiting would never end.
struct ProcessRunner {
    /// The user to run as (through `runuser`), or `nil` for the current one.
    var user: String?

    /// Runs `program` with `arguments`.
    /// - Returns: the exit status and the combined standard output and error.
    func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let command = user.map { [Self.runuser, "-u", $0, "--", program] + arguments } ?? [program] + arguments
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("micic-\(getpid())-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Close every other inherited descriptor: a server left running must not hold on to
        // pipes or sockets of whoever started micic.
        for descriptor in Self.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        let argv = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw LocalClusterError.commandFailed(
                command[0],
                status: spawned,
                output: String(cString: strerror(spawned))
            )
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, output)
    }

    /// Runs `program` and throws when it exits with an error.
    @discardableResult
    func check(_ program: String, _ arguments: [String]) throws -> String {
        let (status, output) = try run(program, arguments)
        guard status == 0 else {
            let name = URL(fileURLWithPath: program).lastPathComponent
            throw LocalClusterError.commandFailed(name, status: status, output: output)
        }
        return output
    }

    /// The descriptors open in this process (from `/proc/self/fd`, or the first 256).
    private static func openDescriptors() -> [Int32] {
        if let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            return names.compactMap { Int32($0) }
        }
        return Array(0..<256)
    }

    private static let runuser =
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/sbin/runuser"
}
