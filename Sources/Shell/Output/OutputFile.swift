internal import Foundation
internal import Kernel

/// A file an export writes, in place only once complete: the data goes to `FILE.partial`,
/// renamed to `FILE` when ``finish()`` is called, and removed when the export fails.
final class OutputFile: Sendable {
    /// The file's path.
    let path: String
    private let partial: String
    private let descriptor: Int32

    /// Creates (or truncates) `path.partial` for writing.
    init(path: String) throws {
        self.path = path
        partial = path + ".partial"
        descriptor = open(partial, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw CommandError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        close(descriptor)
    }

    /// Writes all of `bytes`.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw CommandError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
    }

    /// Puts the complete file in place.
    func finish() throws {
        guard fsync(descriptor) == 0, rename(partial, path) == 0 else {
            throw CommandError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// Removes what was written.
    func discard() {
        unlink(partial)
    }
}
