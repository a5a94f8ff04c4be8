internal import CLibPQ
internal import Foundation

extension Connection {
    /// Starts listening to `channel` (`LISTEN`); notifications sent on it after this
    /// session's transactions commit are returned by ``notifications(waitingUpTo:)``.
    public func listen(_ channel: String) throws {
        try execute("listen \(identifier: channel)")
    }

    /// The notifications that arrived for the channels listened to, waiting up to `timeout`
    /// for the first one when none is waiting. The connection's thread waits on the socket,
    /// so nothing else runs on the connection meanwhile.
    /// - Throws: ``PostgresError/Code/connectionLost`` when the link to the server broke.
    public func notifications(waitingUpTo timeout: Duration) throws -> [ChannelMessage] {
        let handle = try openHandle()
        guard PQconsumeInput(handle) == 1 else { throw lostOrFailed(nil) }
        var received = Self.drainNotifications(handle)
        guard received.isEmpty else { return received }
        let socket = PQsocket(handle)
        guard socket >= 0 else { throw lostOrFailed(nil) }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(
            clamping: timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        )
        let ready = poll(&descriptor, 1, max(0, milliseconds))
        guard ready > 0 else { return [] }
        guard PQconsumeInput(handle) == 1 else { throw lostOrFailed(nil) }
        received = Self.drainNotifications(handle)
        if received.isEmpty, PQstatus(handle) != CONNECTION_OK { throw lostOrFailed(nil) }
        return received
    }

    private static func drainNotifications(_ handle: OpaquePointer) -> [ChannelMessage] {
        var received: [ChannelMessage] = []
        while let notice = PQnotifies(handle) {
            received.append(
                ChannelMessage(
                    channel: String(cString: notice.pointee.relname),
                    payload: notice.pointee.extra.map { String(cString: $0) } ?? "",
                    senderPID: Int(notice.pointee.be_pid)
                )
            )
            PQfreemem(notice)
        }
        return received
    }
}
