internal import Foundation
internal import HTTPTypes
internal import Logging
internal import NIOCore

/// Answers, on the connection's event loop and from the bytes read, the content requests
/// whose answer the cache keeps; every other request goes on to NIO's HTTP/1 codec and the
/// router. A kept answer is the same bytes the router would send (both work out the
/// request with ``DeliveryAPI/reading(for:query:acceptLanguage:)``, and answer with
/// ``Representation/answer(ifNoneMatch:now:)``, here as ready bytes:
/// ``Representation/bytes(ifNoneMatch:now:)``), written at once; this saves the parsing of
/// the request and the response, the way through Swift concurrency and the router, most of
/// the cost of a cached answer.
///
/// It sits first in the pipeline, before the codec, which sees each request it passes on
/// as that request's bytes exactly (``RequestHead``). A request is answered here when it is
/// a `GET` or `HEAD` in HTTP/1.1 keeping the connection open (``RequestHead/isPlain``),
/// no request passed on is still being answered (so pipelined responses keep their order),
/// and the connection takes writes. Bytes whose requests it cannot delimit
/// (``RequestHead/Reading/unclear``: a body, or what the strict reading refuses) go on to
/// the codec, with all that follows on the connection.
final class CachedAnswerHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let api: DeliveryAPI
    private let logger: Logger
    /// Bytes read and not yet answered or passed on (the start of a request).
    private var pending: ByteBuffer?
    /// Requests passed on whose response has not ended.
    private var passedOn = 0
    /// Whether every byte goes on to the codec from now on.
    private var isPassingAll = false
    /// Whether the server is shutting down (the router answers, and closes the connection).
    private var isQuiescing = false
    /// The last kept answer sent, found again without the shared tables while the cache
    /// has forgotten nothing (``ResponseCache/generation``) and it has not expired.
    private var last: (request: ReadingKeys.Request, generation: UInt64, representation: Representation)?
    private var dateSecond = 0
    /// The `Date` value of `dateSecond` and the end of the head.
    private var dateEnd = ByteBuffer()

    init(api: DeliveryAPI, logger: Logger) {
        self.api = api
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !isPassingAll else { return context.fireChannelRead(data) }
        let bytes = unwrapInboundIn(data)
        if pending == nil {
            pending = bytes
        } else {
            pending!.writeImmutableBuffer(bytes)
        }
        var answered = false
        reading: while var bytes = pending, bytes.readableBytes > 0 {
            switch RequestHead.read(bytes) {
            case .incomplete:
                break reading
            case .unclear:
                passAll(context)
            case .head(let head):
                let request = bytes.readSlice(length: head.length)!
                pending = bytes.readableBytes > 0 ? bytes : nil
                if passedOn == 0, !isQuiescing, context.channel.isWritable, answer(head, request, context) {
                    answered = true
                } else {
                    passedOn += 1
                    context.fireChannelRead(wrapInboundOut(request))
                }
            }
        }
        if answered { context.flush() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent { isQuiescing = true }
        // The codec decides what an unfinished request at the end of the input is.
        if let event = event as? ChannelEvent, event == .inputClosed, pending != nil {
            passAll(context)
            context.fireChannelReadComplete()
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// A response to a request passed on has ended (``ResponseEndObserver``).
    func responseEnded() {
        passedOn = max(0, passedOn - 1)
    }

    /// Passes on what is pending, and every byte read from now on.
    private func passAll(_ context: ChannelHandlerContext) {
        isPassingAll = true
        if let pending { context.fireChannelRead(wrapInboundOut(pending)) }
        pending = nil
    }

    /// Writes the kept answer to `head` (whose bytes are `request`), if there is one.
    private func answer(_ head: RequestHead, _ request: ByteBuffer, _ context: ChannelHandlerContext) -> Bool {
        guard head.isPlain, head.isHTTP11 else { return false }
        let method = request.getSlice(at: request.readerIndex + head.method.lowerBound, length: head.method.count)!
        let isGet = method.readableBytesView.elementsEqual("GET".utf8)
        guard isGet || method.readableBytesView.elementsEqual("HEAD".utf8) else { return false }
        let target = request.getSlice(at: request.readerIndex + head.target.lowerBound, length: head.target.count)!
        let acceptLanguage = head.acceptLanguage.map {
            request.getSlice(at: request.readerIndex + $0.lowerBound, length: $0.count)!
        }
        let now = Date()
        let generation = api.cache.generation
        let representation: Representation
        if let last, last.generation == generation, last.representation.expires > now,
            last.request.target == target, last.request.acceptLanguage == acceptLanguage
        {
            representation = last.representation
        } else {
            let request = ReadingKeys.Request(target: target, acceptLanguage: acceptLanguage)
            let key = api.keys.key(of: request) {
                cacheKey(target: String(buffer: target), acceptLanguage: acceptLanguage.map { String(buffer: $0) })
            }
            guard let key, let kept = api.cache.kept(key, now: now) else { return false }
            representation = kept
            last = (request.copied, generation, kept)
        }
        let ifNoneMatch = head.ifNoneMatch.map {
            request.getSlice(at: request.readerIndex + $0.lowerBound, length: $0.count)!
        }
        let answer = representation.bytes(ifNoneMatch: ifNoneMatch, now: now)
        // One buffer, one write: cheaper than a write per part.
        let body = isGet ? answer.body : nil
        let dateEnd = dateEnd(now)
        var bytes = context.channel.allocator.buffer(
            capacity: answer.head.readableBytes + dateEnd.readableBytes + (body?.readableBytes ?? 0)
        )
        bytes.writeImmutableBuffer(answer.head)
        bytes.writeImmutableBuffer(dateEnd)
        if let body { bytes.writeImmutableBuffer(body) }
        context.write(wrapOutboundOut(bytes), promise: nil)
        if logger.logLevel <= .info {
            logger.info("\(String(buffer: method)) \(String(buffer: target)) \(answer.status.code) (kept)")
        }
        return true
    }

    /// The key the answer to a request for `target` is kept under, when the router would
    /// look for one there: a content route (``route(_:)``) whose reading its parameters
    /// make, written in characters that need no escaping.
    private func cacheKey(target: String, acceptLanguage: String?) -> ResponseCache.Key? {
        guard target.utf8.allSatisfy({ !Self.escaped.contains($0) }), let route = Self.route(target) else {
            return nil
        }
        return try? api.reading(for: route.route, query: route.query, acceptLanguage: acceptLanguage).cacheKey
    }

    /// Visible characters that a request target must escape (RFC 3986), and `#`.
    private static let escaped = Set("\"#<>\\^`{|}".utf8)

    /// The content route of a request target, when it is one: `/v1/` and one to three
    /// segments, none empty (anything else goes to the router).
    static func route(_ target: String) -> (route: ContentRoute, query: String?)? {
        let bytes = target.utf8
        let question = bytes.firstIndex(of: UInt8(ascii: "?"))
        let path = bytes[..<(question ?? bytes.endIndex)]
        guard path.starts(with: "/v1/".utf8) else { return nil }
        var segments: [String] = []
        var start = path.index(path.startIndex, offsetBy: 4)
        while true {
            let end = path[start...].firstIndex(of: UInt8(ascii: "/")) ?? path.endIndex
            guard end > start, segments.count < 3 else { return nil }
            segments.append(String(Substring(path[start..<end])))
            guard end < path.endIndex else { break }
            start = path.index(after: end)
        }
        let query = question.map { String(Substring(bytes[bytes.index(after: $0)...])) }
        switch segments.count {
        case 1: return (.tenant(segments[0]), query)
        case 2 where segments[1] == "search": return (.search(segments[0]), query)
        case 2: return (.list(segments[0], segments[1]), query)
        default: return (.item(segments[0], segments[1], segments[2]), query)
        }
    }

    /// The `Date` value for `now` and the empty line ending the head, made once a second.
    private func dateEnd(_ now: Date) -> ByteBuffer {
        let second = Int(now.timeIntervalSince1970)
        if second != dateSecond {
            dateSecond = second
            dateEnd = ByteBuffer(string: HTTPDate.text(now) + "\r\n\r\n")
        }
        return dateEnd
    }
}
