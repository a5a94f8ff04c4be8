import Foundation

/// A program run to completion with its own resource usage: wall-clock time and peak
/// resident size.
///
/// The peak is the child's `VmHWM` (the high-water mark of its own address space), read
/// every few milliseconds while it runs: `wait4`'s `ru_maxrss` would not do, because Linux
/// carries the spawning process's peak over into it when the child executes the program.
struct ChildProcess {
    /// How long it ran, in seconds.
    let seconds: Double
    /// Its peak resident size, in MiB.
    let peakMegabytes: Double
    /// The start of what it wrote on standard output and standard error.
    let output: String

    /// Runs `program` with `arguments`, `environment` added to this process's (an empty value
    /// removes a variable), standard output and error to a file under `scratch`.
    /// - Throws: when it cannot start or exits with a failure.
    init(_ program: String, _ arguments: [String], environment: [String: String], scratch: String) throws {
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value.isEmpty ? nil : value }
        let outputPath = scratch + "/child-\(UUID().uuidString)"
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw BenchError(message: "\(program) did not start: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var peakKiB = 0
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            guard waited == 0 || errno == EINTR else {
                throw BenchError(message: "waiting for \(program): \(String(cString: strerror(errno)))")
            }
            peakKiB = max(peakKiB, Self.highWaterMark(of: pid) ?? 0)
            usleep(5_000)
        }
        let elapsed = ContinuousClock.now - start
        seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        peakMegabytes = Double(peakKiB) / 1024
        let handle = FileHandle(forReadingAtPath: outputPath)
        output = String(decoding: (try? handle?.read(upToCount: 64 * 1024)) ?? Data(), as: UTF8.self)
        try? handle?.close()
        guard status == 0 else {
            throw BenchError(message: "\(program) \(arguments.joined(separator: " ")) failed (\(status)): \(output)")
        }
        guard peakKiB > 0 else {
            throw BenchError(message: "the peak resident size of \(program) could not be read from /proc")
        }
    }

    /// The `VmHWM` line of the process's status, in KiB (`nil` once it has exited).
    private static func highWaterMark(of pid: pid_t) -> Int? {
        // Read with one read(2): files under /proc report a size of 0, which file APIs
        // that trust the size take for an empty file.
        let descriptor = open("/proc/\(pid)/status", O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = read(descriptor, &buffer, buffer.count)
        guard count > 0 else { return nil }
        let status = String(decoding: buffer[..<count], as: UTF8.self)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        // "VmHWM:\t  33164 kB"
        return Int(line.dropFirst("VmHWM:".count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }
}
