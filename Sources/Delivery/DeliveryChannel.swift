internal import HummingbirdCore
internal import Logging
internal import NIOCore

/// A connection to the delivery API: HTTP/1 (Hummingbird's ``HTTP1Channel``) with the
/// ``CachedAnswerHandler`` in front of the codec, which answers kept answers from the bytes
/// read, and the ``ResponseEndObserver`` that tells it when the router's responses end.
struct DeliveryChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    private let http1: HTTP1Channel
    private let api: DeliveryAPI
    private let logger: Logger

    init(responder: @escaping HTTPChannelHandler.Responder, api: DeliveryAPI, logger: Logger) {
        http1 = HTTP1Channel(
            responder: responder,
            configuration: HTTP1Channel.Configuration(additionalChannelHandlers: [ResponseEndObserver()])
        )
        self.api = api
        self.logger = logger
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(CachedAnswerHandler(api: api, logger: self.logger))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return http1.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}
