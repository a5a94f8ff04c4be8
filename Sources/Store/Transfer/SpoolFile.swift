internal import Foundation
internal import Kernel

/// A private temporary file that one session's COPY output is written to and another's
/// COPY input read from: a hand-over in constant memory. It is made readable by its owner
/// only, in a directory of its own, and removed with the value. One thread uses it at a time:
/// it is written, then handed over and read.
final class SpoolFile: @unchecked Sendable {
    private let directory: String
    private let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private static let chunkSize = 1 << 20

    /// Makes an empty file.
    /// - Throws: ``ImportError`` when the temporary directory cannot hold one.
    init() throws {
        var template = Array((NSTemporaryDirectory() + "/micic-import-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ImportError("cannot make a temporary directory: \(String(cString: strerror(errno)))")
        }
        directory = String(cString: made)
        path = directory + "/rows"
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            rmdir(directory)
            throw ImportError("cannot make a temporary file: \(reason)")
        }
        buffer.reserveCapacity(Self.chunkSize)
    }

    deinit {
        close(descriptor)
        unlink(path)
        rmdir(directory)
    }

    /// Adds `bytes` at the end.
    func append(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunkSize { try finish() }
    }

    /// Writes out what ``append(_:)`` buffered.
    func finish() throws {
        var written = 0
        while written < buffer.count {
            let count = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, $0.count - written) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw ImportError("cannot write a temporary file: \(String(cString: strerror(errno)))")
            }
            written += count
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Passes the whole file to `body`, a chunk at a time, from its start.
    func read(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.chunkSize, alignment: 8)
        defer { chunk.deallocate() }
        var offset: off_t = 0
        while true {
            let count = pread(descriptor, chunk.baseAddress, chunk.count, offset)
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else {
                throw ImportError("cannot read a temporary file: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return }
            try body(UnsafeRawBufferPointer(rebasing: chunk[0..<count]))
            offset += off_t(count)
        }
    }
}
