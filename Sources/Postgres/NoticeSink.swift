internal import CLibPQ
internal import Logging

/// Receives the server's notices (`RAISE NOTICE`, warnings) and sends them to the logger
/// instead of letting libpq print them on standard error.
final class NoticeSink: Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Registers this sink as the connection's notice receiver. The sink must outlive the
    /// connection (the ``Connection`` holds both).
    func install(on connection: OpaquePointer) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        PQsetNoticeReceiver(
            connection,
            { context, result in
                guard let context, let result else { return }
                Unmanaged<NoticeSink>.fromOpaque(context).takeUnretainedValue().receive(result)
            },
            context
        )
    }

    private func receive(_ result: OpaquePointer) {
        let error = PostgresError(result: result)
        let metadata: Logger.Metadata = ["sqlstate": "\(error.sqlState?.code ?? "")"]
        switch error.severity {
        case "WARNING": logger.warning("\(error.message)", metadata: metadata)
        case "NOTICE": logger.notice("\(error.message)", metadata: metadata)
        default: logger.debug("\(error.message)", metadata: metadata)
        }
    }
}
