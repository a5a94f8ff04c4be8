import Foundation
import Testing

/// Kept answers are sent from the bytes read, before NIO's HTTP parser and the router (the
/// fast path); these tests send raw HTTP/1.1 and compare its answers byte for byte with the
/// router's (which answers a request pipelined behind one it is still answering).
extension DeliveryAPITests {
    private static let item = "/v1/cr/practices/refugios-temporales"

    /// A request: `method target HTTP/1.1`, a `Host`, then `fields` (lines without CRLF).
    private static func request(_ method: String, _ target: String, _ fields: [String] = []) -> String {
        "\(method) \(target) HTTP/1.1\r\nHost: test\r\n" + fields.map { $0 + "\r\n" }.joined() + "\r\n"
    }

    @Test func keptAnswersAreTheBytesTheRouterSends() async throws {
        try await withServer { _, api in
            let port = try #require(api.base.port)
            let fast = try RawHTTPConnection(port: port)
            try fast.send(Self.request("GET", Self.item))
            let tag = try #require(try fast.response().headers["etag"])
            let missing = "/v1/cr/practices/no-such-practice"
            let requests: [(method: String, target: String, fields: [String], status: Int)] = [
                ("GET", Self.item, [], 200),
                ("GET", Self.item, ["Accept-Language: en"], 200),
                ("GET", Self.item + "?lang=en", ["accept-language:  es, en;q=0.5 "], 200),
                ("HEAD", Self.item, [], 200),
                ("GET", Self.item, ["If-None-Match: \(tag)"], 304),
                ("HEAD", Self.item, ["if-none-match: W/\(tag)"], 304),
                ("GET", Self.item, ["If-None-Match: \"other\", \(tag)"], 304),
                ("GET", Self.item, ["If-None-Match: \"other\"", "Connection: keep-alive"], 200),
                ("GET", "/v1/cr/practices", ["Accept-Language: es"], 200),
                ("GET", "/v1/cr", [], 200),
                ("GET", "/v1/cr/search?q=refugios", [], 200),
                ("GET", missing, [], 404),
                ("HEAD", missing, [], 404),
            ]
            let router = try RawHTTPConnection(port: port)
            for (index, request) in requests.enumerated() {
                let text = Self.request(request.method, request.target, request.fields)
                let isHead = request.method == "HEAD"
                // Once to keep the answer, then from the fast path. Kept answers are forgotten
                // when the server hears of a change, which the fixture's own writes may still
                // be on a busy machine: the answer is then kept again by the next request.
                try fast.send(text)
                _ = try fast.response(toHead: isHead)
                let logged = "\(request.method) \(request.target) \(request.status) "
                var keptAnswer: RawHTTPConnection.Response?
                for _ in 0..<3 where keptAnswer == nil {
                    let kept = api.logLines(containing: logged + "(kept)")
                    try fast.send(text)
                    let answer = try fast.response(toHead: isHead)
                    if api.logLines(containing: logged + "(kept)") == kept + 1 { keptAnswer = answer }
                }
                let fastAnswer = try #require(keptAnswer, "never answered from the kept answers: \(text)")
                // Behind a request the router answers: the router answers it too.
                let routed = api.logLines(containing: logged) - api.logLines(containing: logged + "(kept)")
                try router.send(Self.request("GET", "/v1/cr/practices/missing-\(index)") + text)
                #expect(try router.response().status == 404)
                let routerAnswer = try router.response(toHead: isHead)
                #expect(api.logLines(containing: logged) - api.logLines(containing: logged + "(kept)") == routed + 1)
                #expect(fastAnswer.status == request.status, "\(text)")
                #expect(fastAnswer.withoutDate == routerAnswer.withoutDate, "\(text)")
                #expect(fastAnswer.headers["date"]?.hasSuffix(" GMT") == true)
                if isHead || request.status == 304 { #expect(fastAnswer.body.isEmpty) }
            }
        }
    }

    @Test func pipelinedSplitAndUnusualRequestsAreAnsweredInOrder() async throws {
        try await withServer { served, api in
            let port = try #require(api.base.port)
            let connection = try RawHTTPConnection(port: port)
            let get = Self.request("GET", Self.item)
            try connection.send(get)
            let first = try connection.response()
            let tag = try #require(first.headers["etag"])
            try connection.send(get)
            let reference = try connection.response().withoutDate

            // Pipelined: kept, read, kept; in order.
            let conditional = Self.request("GET", Self.item, ["If-None-Match: \(tag)"])
            try connection.send(get + Self.request("GET", "/v1/cr/practices/nothing-here") + conditional)
            #expect(try connection.response().withoutDate == reference)
            #expect(try connection.response().status == 404)
            #expect(try connection.response().status == 304)

            // Split across packets, anywhere, and a request whose end comes with the next.
            for split in [1, 3, 4, 20, get.utf8.count - 4, get.utf8.count - 3, get.utf8.count - 1] {
                try connection.send(String(get.prefix(split)))
                try await Task.sleep(for: .milliseconds(20))
                try connection.send(String(get.dropFirst(split)))
                #expect(try connection.response().withoutDate == reference, "split at \(split)")
            }
            for character in get {
                try connection.send(String(character))
                try await Task.sleep(for: .milliseconds(2))
            }
            #expect(try connection.response().withoutDate == reference)
            try connection.send(get + get.prefix(30))
            try await Task.sleep(for: .milliseconds(20))
            try connection.send(String(get.dropFirst(30)))
            #expect(try connection.response().withoutDate == reference)
            #expect(try connection.response().withoutDate == reference)

            // A request with a body goes to the router, and so does what follows it.
            try connection.send(
                "POST \(Self.item) HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello" + get + conditional
            )
            #expect(try connection.response().status == 405)
            #expect(try connection.response().withoutDate == reference)
            #expect(try connection.response().status == 304)

            // Asking to close: the router answers, and closes.
            let closing = try RawHTTPConnection(port: port)
            try closing.send(Self.request("GET", Self.item, ["Connection: close"]))
            let closed = try closing.response()
            #expect(closed.status == 200)
            #expect(try closing.isClosedByServer())

            // HTTP/1.0, and a line end the fast path does not read: the router answers.
            let old = try RawHTTPConnection(port: port)
            try old.send("GET \(Self.item) HTTP/1.0\r\nHost: test\r\n\r\n")
            #expect(try old.response().body == first.body)
            let bare = try RawHTTPConnection(port: port)
            try bare.send("GET \(Self.item) HTTP/1.1\nHost: test\n\n")
            let bareAnswer = try bare.response()
            #expect(bareAnswer.withoutDate == reference || bareAnswer.status == 400)

            // A change reaches the kept answers read on an open connection.
            try await served.micic(
                "use cr; let p = practice show refugios-temporales --format ids; practice update $p --summary \"Cambiado\""
            )
            let deadline = Date().addingTimeInterval(5)
            var changed = try connection.response(after: conditional)
            while changed.status == 304, Date() < deadline {
                try await Task.sleep(for: .milliseconds(20))
                changed = try connection.response(after: conditional)
            }
            #expect(changed.status == 200)
            #expect(changed.headers["etag"] != tag)
            #expect(String(decoding: changed.body, as: UTF8.self).contains("Cambiado"))
        }
    }
}

extension RawHTTPConnection {
    /// Sends `request` and reads its response.
    fileprivate func response(after request: String) throws -> Response {
        try send(request)
        return try response(toHead: request.hasPrefix("HEAD "))
    }
}
