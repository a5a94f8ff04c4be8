/// Collects export output and hands it on in large chunks.
struct ExportBuffer: ~Copyable {
    private var bytes: [UInt8] = []
    private let chunkSize: Int
    private let write: (UnsafeRawBufferPointer) throws -> Void

    init(chunkSize: Int = 256 * 1024, write: @escaping (UnsafeRawBufferPointer) throws -> Void) {
        self.chunkSize = chunkSize
        self.write = write
        bytes.reserveCapacity(chunkSize + 64 * 1024)
    }

    mutating func append(_ raw: UnsafeRawBufferPointer) throws {
        bytes.append(contentsOf: raw)
        if bytes.count >= chunkSize { try flush() }
    }

    mutating func append(_ text: String) throws {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= chunkSize { try flush() }
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func flush() throws {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBytes { try write($0) }
        bytes.removeAll(keepingCapacity: true)
    }
}
