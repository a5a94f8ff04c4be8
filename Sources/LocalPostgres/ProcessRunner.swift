internal import Foundation

#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Runs a program to completion, optionally as another user or with changes to the
/// environment, and captures its output: the one way the platform starts a process (the
/// local server's `initdb` and `pg_ctl`, the benchmarks' runs of the executable).
///
/// It spawns with `posix_spawn` and waits with `waitpid` rather than using Foundation's
/// `Process`, which watches for the end of a child through a descriptor that a server
/// started by `pg_ctl` inherits and keeps open, so that waiting would never end. The child's
/// output goes to a file, not a pipe, for the same reason, and every other descriptor is
/// closed in it.
///
/// ```swift
/// let (status, output) = try ProcessRunner(user: "postgres").run("/usr/bin/pg_ctl", ["status", "-D", data])
/// ```
public struct ProcessRunner: Sendable {
    /// The user to run as (through `runuser`), or `nil` for the current one.
    public var user: String?
    /// Variables added to this process's environment for the child; an empty value removes one.
    public var environment: [String: String]
    /// How many bytes of the child's output are kept (the start of it); `nil` keeps it all.
    public var outputLimit: Int?

    /// A runner as `user` (`nil`: the current one), with `environment` added to this process's.
    public init(user: String? = nil, environment: [String: String] = [:]) {
        self.user = user
        self.environment = environment
    }

    /// Runs `program` with `arguments`.
    /// - Parameters:
    ///   - input: the child's standard input (none when `nil`).
    ///   - watch: called with the child's process id every few milliseconds while it runs (to
    ///     sample what `/proc` says of it); without it, the wait blocks until the end.
    /// - Returns: the exit status (128 plus the signal for a killed child) and the combined
    ///   standard output and error.
    /// - Throws: ``LocalClusterError`` when the program cannot be started.
    public func run(
        _ program: String,
        _ arguments: [String],
        input: String? = nil,
        watch: ((Int32) -> Void)? = nil
    ) throws -> (status: Int32, output: String) {
        let command = user.map { [Self.runuser, "-u", $0, "--", program] + arguments } ?? [program] + arguments
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
            "micic-\(getpid())-\(UUID().uuidString)"
        )
        let outputPath = scratch.path + ".out"
        let inputPath = scratch.path + ".in"
        defer { unlink(outputPath) }
        if let input {
            guard FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8)) else {
                throw LocalClusterError.commandFailed(command[0], status: errno, output: "cannot write \(inputPath)")
            }
        }
        defer { if input != nil { unlink(inputPath) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, input == nil ? "/dev/null" : inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // Close every other inherited descriptor: a server left running must not hold on to
        // pipes or sockets of whoever started micic.
        for descriptor in Self.openDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        let argv = command.map { strdup($0) } + [nil]
        // Without changes, the child gets this process's environment as it is now.
        let envp = environment.isEmpty ? [] : environmentVariables().map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let spawned =
            environment.isEmpty
            ? posix_spawn(&pid, command[0], &actions, nil, argv, environ)
            : posix_spawn(&pid, command[0], &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw LocalClusterError.commandFailed(
                command[0],
                status: spawned,
                output: String(cString: strerror(spawned))
            )
        }
        let status = Self.wait(for: pid, watch: watch)
        let handle = FileHandle(forReadingAtPath: outputPath)
        let kept: Data?
        if let outputLimit {
            kept = try? handle?.read(upToCount: outputLimit)
        } else {
            kept = try? handle?.readToEnd()
        }
        let output = String(decoding: kept ?? Data(), as: UTF8.self)
        try? handle?.close()
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, output)
    }

    /// Runs `program` and throws when it exits with an error.
    /// - Returns: its combined standard output and error.
    /// - Throws: ``LocalClusterError`` when it cannot start or exits with a failure.
    @discardableResult
    public func check(_ program: String, _ arguments: [String]) throws -> String {
        let (status, output) = try run(program, arguments)
        guard status == 0 else {
            let name = URL(fileURLWithPath: program).lastPathComponent
            throw LocalClusterError.commandFailed(name, status: status, output: output)
        }
        return output
    }

    /// This process's environment with ``environment`` applied, as `NAME=value` strings.
    private func environmentVariables() -> [String] {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in environment { variables[name] = value.isEmpty ? nil : value }
        return variables.map { "\($0.key)=\($0.value)" }
    }

    /// Waits for `pid` to end, calling `watch` every 5 ms meanwhile when there is one.
    /// - Returns: the raw wait status.
    private static func wait(for pid: pid_t, watch: ((Int32) -> Void)?) -> Int32 {
        var status: Int32 = 0
        guard let watch else {
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return status
        }
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid || (waited == -1 && errno != EINTR) { return status }
            watch(pid)
            usleep(5_000)
        }
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
