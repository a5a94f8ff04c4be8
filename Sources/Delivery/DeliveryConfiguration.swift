/// How `micic serve` listens and caches.
public struct DeliveryConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 takes a free one.
    public var port: Int
    /// The most database connections open at once.
    public var connections: Int
    /// How long, in seconds, the server sends an answer again without reading the database
    /// while it hears of every change (a second at most while it does not), cut at the
    /// tenant's next scheduled change; 0 reads the database for every request.
    public var cacheLifetime: Double
    /// How long, in seconds, clients and shared caches may keep an answer
    /// (`Cache-Control: max-age`, cut at the tenant's next scheduled change).
    public var maxAge: Int
    /// How long, in seconds, a standby may stay behind a change the server heard of before it
    /// is left for the next standby or the primary.
    public var maxLag: Double

    /// A configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        connections: Int = 4,
        cacheLifetime: Double = 60,
        maxAge: Int = 5,
        maxLag: Double = 1
    ) {
        self.maxLag = maxLag
        self.host = host
        self.port = port
        self.connections = connections
        self.cacheLifetime = cacheLifetime
        self.maxAge = maxAge
    }
}
