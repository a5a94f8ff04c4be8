internal import Foundation

/// A file read in large chunks, in constant memory, with a checksum of everything read so
/// far: a resumed import checks that its file did not change.
final class InputFile {
    private let descriptor: Int32
    private let chunk: UnsafeMutableRawBufferPointer
    /// The file's size in bytes when it was opened.
    let size: Int
    /// The bytes read so far.
    private(set) var bytesRead = 0
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    private var started = false

    /// Opens `path` for reading.
    /// - Throws: ``ImportFileError`` when the file cannot be opened or is a directory.
    init(path: String, chunkSize: Int = 256 * 1024) throws(ImportFileError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ImportFileError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw ImportFileError("\(path) is not a file") }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ImportFileError("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        size = Int(status.st_size)
        chunk = .allocate(byteCount: chunkSize, alignment: 8)
    }

    deinit {
        close(descriptor)
        chunk.deallocate()
    }

    /// The next chunk, valid until the next call; empty at the end of the file. The first
    /// one starts after a UTF-8 byte-order mark.
    /// - Throws: for a file in UTF-16 or UTF-32, or a read error.
    func nextChunk() throws(ImportFileError) -> UnsafeRawBufferPointer {
        let bytes = try readChunk()
        guard !started else { return bytes }
        started = true
        return UnsafeRawBufferPointer(rebasing: bytes[(try byteOrderMark(bytes))...])
    }

    private func readChunk() throws(ImportFileError) -> UnsafeRawBufferPointer {
        var count = 0
        repeat {
            count = read(descriptor, chunk.baseAddress, chunk.count)
        } while count < 0 && errno == EINTR
        guard count >= 0 else { throw ImportFileError("reading failed: \(String(cString: strerror(errno)))") }
        let bytes = UnsafeRawBufferPointer(rebasing: chunk[0..<count])
        mix(bytes)
        bytesRead += count
        return bytes
    }

    /// A checksum of the bytes read so far and their count, as text.
    var checksum: String {
        String(hash, radix: 16) + "-" + String(bytesRead)
    }

    /// Folds `bytes` into the checksum eight at a time (an FNV-style multiply and rotate),
    /// fast enough to run over every byte of a large file.
    private func mix(_ bytes: UnsafeRawBufferPointer) {
        var hash = self.hash
        let words = bytes.count / 8
        for index in 0..<words {
            let word = bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            hash = ((hash ^ word) &* 0x0000_0100_0000_01b3)
            hash = (hash << 29) | (hash >> 35)
        }
        for index in (words * 8)..<bytes.count {
            hash = (hash ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3
        }
        self.hash = hash
    }
}
