internal import NIOCore
internal import NIOHTTPTypes

/// Tells the connection's ``CachedAnswerHandler`` when a response the router wrote has
/// ended, so that it answers again once every request it passed on has been answered. It
/// sits right after the conversion to HTTP types, where every response passes.
final class ResponseEndObserver: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var answers: CachedAnswerHandler?

    func handlerAdded(context: ChannelHandlerContext) {
        answers = try? context.pipeline.syncOperations.handler(type: CachedAnswerHandler.self)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let isEnd = if case .end = unwrapOutboundIn(data) { true } else { false }
        context.write(data, promise: promise)
        if isEnd { answers?.responseEnded() }
    }
}
