/// A message sent with `NOTIFY` (or `pg_notify`) on a channel the connection listens to.
public struct ChannelMessage: Sendable, Hashable {
    /// The channel.
    public let channel: String
    /// The payload (empty when none was given).
    public let payload: String
    /// The server process of the session that sent it.
    public let senderPID: Int

    /// A message.
    public init(channel: String, payload: String, senderPID: Int) {
        self.channel = channel
        self.payload = payload
        self.senderPID = senderPID
    }
}
