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
    /// The user to run as (through `setpriv` or `runuser`), or `nil` for the current one.
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
        let command = user.map { Self.switching(to: $0) + [program] + arguments } ?? [program] + arguments
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
        let changes = environment.merging(user.map(Self.account) ?? [:]) { mine, _ in mine }
        let envp = changes.isEmpty ? [] : environmentVariables(changes).map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        // The child starts with no signal blocked and the usual dispositions: a thread of this
        // process may block signals (dispatch's workers do), and a child would inherit that
        // mask, so that a service it starts could never be stopped.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned =
            changes.isEmpty
            ? posix_spawn(&pid, command[0], &actions, &attributes, argv, environ)
            : posix_spawn(&pid, command[0], &actions, &attributes, argv, envp)
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

    /// This process's environment with `changes` applied, as `NAME=value` strings.
    private func environmentVariables(_ changes: [String: String]) -> [String] {
        var variables = ProcessInfo.processInfo.environment
        for (name, value) in changes { variables[name] = value.isEmpty ? nil : value }
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

    /// The words that run a program as `user`: `setpriv`, which changes the user and executes
    /// the program in place, so that it starts with the signal mask given here (`runuser` forks
    /// with most signals blocked, and a program that does not reset its mask, as pg_auto_failover's
    /// services, could then never be stopped); else `runuser`.
    private static func switching(to user: String) -> [String] {
        guard let setpriv else { return [runuser, "-u", user, "--"] }
        return [setpriv, "--reuid", user, "--regid", user, "--init-groups", "--"]
    }

    /// `HOME`, `USER` and `LOGNAME` of `user`, as `runuser` sets them.
    private static func account(_ user: String) -> [String: String] {
        guard setpriv != nil, let entry = getpwnam(user) else { return [:] }
        return ["HOME": String(cString: entry.pointee.pw_dir), "USER": user, "LOGNAME": user]
    }

    private static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    private static let runuser =
        ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "/usr/sbin/runuser"
}
