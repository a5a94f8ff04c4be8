import Foundation

/// A TCP connection to a server on loopback that sends HTTP/1.1 as the test writes it, byte
/// for byte (pipelined, split across packets, malformed), and reads the answers as bytes.
final class RawHTTPConnection {
    private let socket: Int32
    private var received: [UInt8] = []

    /// One response: its bytes, status and header fields (names in lowercase).
    struct Response {
        let bytes: [UInt8]
        let status: Int
        let headers: [String: String]
        let body: [UInt8]

        /// The response as text with the `Date` field's value left out (the one part that
        /// differs from one second to the next).
        var withoutDate: String {
            String(decoding: bytes, as: UTF8.self).replacing(/\r\nDate: [^\r]*\r\n/, with: "\r\nDate: -\r\n")
        }
    }

    /// Connects to `port` on 127.0.0.1, sending each write at once (no Nagle delay); reads
    /// wait up to 10 seconds.
    init(port: Int) throws {
        socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServedAPIError(message: "no socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw ServedAPIError(message: "cannot connect to port \(port)")
        }
        var one: Int32 = 1
        setsockopt(socket, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(socket)
    }

    /// Sends `text` in one write.
    func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, 0) }
            guard sent > 0 else { throw ServedAPIError(message: "send failed: \(errno)") }
            bytes = bytes.dropFirst(sent)
        }
    }

    /// Reads the next response; one to `HEAD`, or a 304, has no body.
    func response(toHead: Bool = false) throws -> Response {
        var end: Int?
        while end == nil {
            end = received.indices.dropLast(3).first {
                received[$0] == 13 && received[$0 + 1] == 10 && received[$0 + 2] == 13 && received[$0 + 3] == 10
            }
            if end == nil { try receive() }
        }
        let headLength = end! + 4
        let head = String(decoding: received[..<headLength], as: UTF8.self)
        let lines = head.split(separator: "\r\n")
        guard let statusLine = lines.first, let status = Int(statusLine.split(separator: " ")[1]) else {
            throw ServedAPIError(message: "not a response: \(head)")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces
            )
        }
        let bodyLength = toHead || status == 304 ? 0 : Int(headers["content-length"] ?? "0") ?? 0
        while received.count < headLength + bodyLength { try receive() }
        let bytes = Array(received[..<(headLength + bodyLength)])
        received.removeFirst(headLength + bodyLength)
        return Response(bytes: bytes, status: status, headers: headers, body: Array(bytes[headLength...]))
    }

    /// Whether the server closes the connection (within 10 seconds) without sending more.
    func isClosedByServer() throws -> Bool {
        var byte: UInt8 = 0
        return recv(socket, &byte, 1, 0) == 0 && received.isEmpty
    }

    private func receive() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw ServedAPIError(message: "the connection ended (\(count), errno \(errno))") }
        received += chunk[..<count]
    }
}
