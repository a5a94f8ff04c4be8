import Foundation
import LocalPostgres

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
    /// removes a variable), through the platform's ``ProcessRunner``, sampling its peak
    /// resident size every few milliseconds while it runs.
    /// - Throws: when it cannot start or exits with a failure.
    init(_ program: String, _ arguments: [String], environment: [String: String]) throws {
        var peakKiB = 0
        let start = ContinuousClock.now
        var runner = ProcessRunner(environment: environment)
        runner.outputLimit = 64 * 1024
        let (status, output) = try runner.run(program, arguments) { pid in
            peakKiB = max(peakKiB, Self.highWaterMark(of: pid) ?? 0)
        }
        seconds = milliseconds(ContinuousClock.now - start) / 1000
        peakMegabytes = Double(peakKiB) / 1024
        self.output = output
        guard status == 0 else {
            throw BenchError(
                message: "\(program) \(arguments.joined(separator: " ")) failed (\(status)): \(output)"
            )
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
