internal import NIOCore
internal import Synchronization

/// What the response cache keeps the answer to a request under, remembered by the request's
/// raw target and `Accept-Language` field, so that a request for a kept answer is not
/// worked out again (``DeliveryAPI/reading(for:query:acceptLanguage:)``: the key depends on
/// nothing else). `nil` is remembered too: a request whose answer is not kept, or not found
/// by the fast path. When full, it forgets everything.
final class ReadingKeys: Sendable {
    /// A request as its bytes name it.
    struct Request: Hashable, Sendable {
        let target: ByteBuffer
        let acceptLanguage: ByteBuffer?

        /// The same request in bytes of its own (not a slice of what the socket read).
        var copied: Request {
            Request(target: ReadingKeys.copy(target), acceptLanguage: acceptLanguage.map(ReadingKeys.copy))
        }
    }

    private let keys = Mutex<[Request: ResponseCache.Key?]>([:])
    /// The most requests remembered.
    let capacity: Int

    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The key of `request`: the one remembered, else `make`'s (remembered from then on).
    func key(of request: Request, _ make: () -> ResponseCache.Key?) -> ResponseCache.Key? {
        if let known = keys.withLock({ $0[request] }) { return known }
        let key = make()
        let kept = request.copied
        keys.withLock { keys in
            if keys.count >= capacity { keys.removeAll() }
            keys[kept] = key
        }
        return key
    }

    fileprivate static func copy(_ bytes: ByteBuffer) -> ByteBuffer {
        var copy = ByteBufferAllocator().buffer(capacity: bytes.readableBytes)
        copy.writeImmutableBuffer(bytes)
        return copy
    }
}
