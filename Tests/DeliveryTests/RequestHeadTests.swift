import Testing

@testable import Delivery

/// The fast path reads a strict subset of HTTP/1.1 request heads and leaves everything
/// else to NIO's parser.
@Suite struct RequestHeadTests {
    private func read(_ text: String) -> RequestHead.Reading {
        Array(text.utf8).withUnsafeBytes { RequestHead.read($0) }
    }

    private func head(_ text: String) throws -> RequestHead {
        guard case .head(let head) = read(text) else {
            Issue.record("not a whole head: \(text.debugDescription)")
            throw CancellationError()
        }
        return head
    }

    private func text(_ range: Range<Int>?, in text: String) -> String? {
        range.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
    }

    @Test func aHeadIsReadWithItsLengthTargetAndTheFieldsThatMatter() throws {
        let request =
            "GET /v1/cr/practices/x?lang=es HTTP/1.1\r\nHost: a\r\nIF-NONE-MATCH:  \"abc\"\t\r\n"
            + "accept-language: es, en;q=0.5\r\nConnection: Keep-Alive\r\nX-Other: \u{e9}\r\n\r\n"
        let next = "GET / HTTP/1.1\r\n"
        let head = try head(request + next)
        #expect(head.length == request.utf8.count)
        #expect(text(head.method, in: request) == "GET")
        #expect(text(head.target, in: request) == "/v1/cr/practices/x?lang=es")
        #expect(text(head.ifNoneMatch, in: request) == "\"abc\"")
        #expect(text(head.acceptLanguage, in: request) == "es, en;q=0.5")
        #expect(head.isHTTP11 && head.isPlain)
        let old = try self.head("HEAD / HTTP/1.0\r\n\r\n")
        #expect(!old.isHTTP11 && old.isPlain && old.ifNoneMatch == nil && old.acceptLanguage == nil)
    }

    @Test func everyPrefixOfAHeadIsIncomplete() throws {
        let request = "GET /v1/cr HTTP/1.1\r\nHost: a\r\nAccept-Language: es\r\n\r\n"
        for length in 0..<request.utf8.count {
            let prefix = String(decoding: Array(request.utf8).prefix(length), as: UTF8.self)
            #expect(read(prefix) == .incomplete, "\(prefix.debugDescription)")
        }
        #expect(try head(request).length == request.utf8.count)
    }

    @Test func whatTheStrictReadingRefusesOrABodyIsUnclear() {
        for request in [
            "GET /v1/cr HTTP/1.1\nHost: a\n\n",
            "GET /v1/cr HTTP/1.1\r\nHost: a\n\r\n",
            "GET /v1/cr HTTP/1.1\r\nHost: a\rx\r\n\r\n",
            "GET  /v1/cr HTTP/1.1\r\n\r\n",
            "GET /v1/cr  HTTP/1.1\r\n\r\n",
            "GET /v1/cr HTTP/2.0\r\n\r\n",
            "GET /v1/cr HTTP/1.1 \r\n\r\n",
            "\r\nGET /v1/cr HTTP/1.1\r\n\r\n",
            "GET /v1/\u{e9} HTTP/1.1\r\n\r\n",
            "GET /v1/cr HTTP/1.1\r\nHost : a\r\n\r\n",
            "GET /v1/cr HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n",
            "GET /v1/cr HTTP/1.1\r\nHost: a\u{1}\r\n\r\n",
            "GET /v1/cr HTTP/1.1\r\n: a\r\n\r\n",
            "GET /v1/cr HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            "POST /v1/cr HTTP/1.1\r\ncontent-length: 5\r\n\r\nhello",
            "POST /v1/cr HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        ] {
            #expect(read(request) == .unclear, "\(request.debugDescription)")
        }
        let long = "GET /v1/cr HTTP/1.1\r\nX: " + String(repeating: "a", count: RequestHead.maximumLength)
        #expect(read(long) == .unclear)
    }

    @Test func aRequestAskingMoreOfTheConnectionOrRepeatingAFieldIsNotPlain() throws {
        for fields in [
            "Connection: close", "Connection: keep-alive, Upgrade", "Upgrade: h2c", "Expect: 100-continue",
            "If-None-Match: \"a\"\r\nIf-None-Match: \"b\"", "Accept-Language: es\r\naccept-language: en",
            "Connection: keep-alive\r\nConnection: keep-alive",
        ] {
            let request = "GET /v1/cr HTTP/1.1\r\nHost: a\r\n\(fields)\r\n\r\n"
            #expect(try head(request).isPlain == false, "\(fields)")
        }
    }
}
