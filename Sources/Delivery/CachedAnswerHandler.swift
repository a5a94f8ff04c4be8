internal import Foundation
internal import HTTPTypes
internal import Logging
internal import NIOCore
internal import NIOHTTPTypes

/// Answers, on the connection's event loop, the content requests whose answer the cache
/// keeps, before they reach the router; every other request goes on to it. A kept answer is
/// the same bytes and fields the router would send (both work out the request with
/// ``DeliveryAPI/reading(for:query:acceptLanguage:)``, and answer with
/// ``Representation/answer(ifNoneMatch:now:)``); this only saves the way through Swift
/// concurrency and the router, most of the cost of a cached answer.
///
/// It sits in the pipeline after NIO's HTTP/1 codec and the conversion to HTTP types. While a
/// request it passed on is being answered, it passes on every later one too, so pipelined
/// responses keep their order. Requests with a `Connection` field other than `keep-alive`
/// (asking to close it) go on to the router.
final class CachedAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let api: DeliveryAPI
    private let logger: Logger
    /// Requests passed on whose response has not ended.
    private var passedOn = 0
    /// Whether the rest of a request answered here is still arriving.
    private var skipping = false
    private var dateSecond = 0
    private var dateText = ""

    init(api: DeliveryAPI, logger: Logger) {
        self.api = api
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let head):
            if passedOn == 0, let (response, body) = answer(head) {
                skipping = true
                context.write(wrapOutboundOut(.head(response)), promise: nil)
                if let body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                return
            }
            passedOn += 1
            context.fireChannelRead(data)
        case .body, .end:
            guard skipping else { return context.fireChannelRead(data) }
            if case .end = part { skipping = false }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { passedOn -= 1 }
        context.write(data, promise: promise)
    }

    /// The kept answer to `head`, or `nil` when the router must answer it.
    private func answer(_ head: HTTPRequest) -> (HTTPResponse, ByteBuffer?)? {
        guard head.method == .get, head.headerFields[.connection].map({ $0.lowercased() == "keep-alive" }) ?? true,
            let target = head.path,
            let route = Self.route(target)
        else { return nil }
        guard
            let reading = try? api.reading(
                for: route.route,
                query: route.query,
                acceptLanguage: head.headerFields[.acceptLanguage]
            )
        else { return nil }
        let now = Date()
        guard let representation = api.cache.kept(reading.cacheKey, now: now) else { return nil }
        let answer = representation.answer(ifNoneMatch: head.headerFields[.ifNoneMatch], now: now)
        var fields = answer.fields
        if let body = answer.body { fields[.contentLength] = String(body.readableBytes) }
        fields[.date] = date(now)
        if logger.logLevel <= .info { logger.info("GET \(target) \(answer.status.code) (kept)") }
        return (HTTPResponse(status: answer.status, headerFields: fields), answer.body)
    }

    /// The content route of a request target, when it is one: `/v1/` and one to three
    /// segments, none empty (anything else goes to the router). Read byte by byte: this runs
    /// for every request.
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

    /// The `Date` field for `now`, worked out once a second.
    private func date(_ now: Date) -> String {
        let second = Int(now.timeIntervalSince1970)
        if second != dateSecond {
            dateSecond = second
            dateText = HTTPDate.text(now)
        }
        return dateText
    }
}
