internal import Foundation
internal import HTTPTypes
internal import Hummingbird
internal import NIOCore

/// One answer of the API, kept to be sent again: its status, body and header fields, how
/// long clients may keep it, and when the server must stop sending it without reading the
/// database again.
struct Representation: Sendable {
    /// The status (200, or 404 for what does not exist).
    let status: HTTPResponse.Status
    /// The body.
    let body: ByteBuffer
    /// The strong entity tag of the body, on a 200.
    let entityTag: String?
    /// How many seconds clients and shared caches may keep it (`Cache-Control: max-age`),
    /// at most.
    let maxAge: Int
    /// When the public view of the content next changes by itself (a scheduled publication
    /// or unpublication in the tenant): no one may keep it past that.
    let nextChange: Date?
    /// Until when the server may send it again without reading the database.
    let expires: Date
    private let fields: HTTPFields
    private let notModifiedFields: HTTPFields
    /// `Cache-Control` when no scheduled change cuts ``maxAge``.
    private let cacheControl: String
    /// The whole answer's head and the 304's as bytes (``ResponseHead``), made once when
    /// they do not change with time (no scheduled change cuts ``maxAge``).
    private var readyHead: ByteBuffer?
    private var readyNotModifiedHead: ByteBuffer?
    /// The `Link` field (RFC 8288).
    private static let link = HTTPField.Name("Link")!

    /// A representation of `body`.
    /// - Parameters:
    ///   - contentLanguage: the language the body is in, or languages (comma-separated).
    ///   - lastModified: when what it shows last changed.
    ///   - negotiated: whether the language came from `Accept-Language` (`Vary`).
    ///   - canonical: the URL of the page that is the canonical one for this content
    ///     (`Link: <URL>; rel="canonical"`), when it is another's.
    init(
        status: HTTPResponse.Status = .ok,
        json: String,
        contentType: String = "application/json",
        contentLanguage: String? = nil,
        lastModified: Date? = nil,
        negotiated: Bool = false,
        canonical: String? = nil,
        maxAge: Int,
        nextChange: Date? = nil,
        expires: Date
    ) {
        self.status = status
        body = ByteBuffer(string: json)
        entityTag = status == .ok ? EntityTag.of(json.utf8) : nil
        self.maxAge = maxAge
        self.nextChange = nextChange
        self.expires = nextChange.map { min($0, expires) } ?? expires
        var fields = HTTPFields()
        var notModified = HTTPFields()
        fields[.contentType] = contentType
        if let contentLanguage { fields[.contentLanguage] = contentLanguage }
        if let canonical { fields[Self.link] = "<\(canonical)>; rel=\"canonical\"" }
        if let entityTag {
            fields[.eTag] = entityTag
            notModified[.eTag] = entityTag
        }
        if let lastModified {
            let text = HTTPDate.text(lastModified)
            fields[.lastModified] = text
            notModified[.lastModified] = text
        }
        if negotiated {
            fields[.vary] = "Accept-Language"
            notModified[.vary] = "Accept-Language"
        }
        self.fields = fields
        notModifiedFields = notModified
        cacheControl = "public, max-age=\(maxAge)"
        if nextChange == nil {
            let whole = answer(ifNoneMatch: nil, now: self.expires)
            readyHead = ResponseHead.bytes(whole.status, whole.fields, body: whole.body)
            if let entityTag {
                let notModified = answer(ifNoneMatch: entityTag, now: self.expires)
                readyNotModifiedHead = ResponseHead.bytes(notModified.status, notModified.fields, body: nil)
            }
        }
    }

    /// The response to `request` at `now`: 304 without a body when the request's
    /// `If-None-Match` names the entity tag, the whole representation otherwise.
    func response(to request: Request, now: Date) -> Response {
        let answer = answer(ifNoneMatch: request.headers[.ifNoneMatch], now: now)
        return Response(
            status: answer.status,
            headers: answer.fields,
            body: answer.body.map { ResponseBody(byteBuffer: $0) } ?? ResponseBody()
        )
    }

    /// The status, header fields (but `Date` and `Content-Length`) and body of the answer at
    /// `now` to a request with `ifNoneMatch`: 304 without a body when it names the entity tag.
    func answer(
        ifNoneMatch condition: String?,
        now: Date
    ) -> (
        status: HTTPResponse.Status, fields: HTTPFields, body: ByteBuffer?
    ) {
        let cacheControl = nextChange == nil ? cacheControl : "public, max-age=\(maxAge(at: now))"
        if let entityTag, let condition, EntityTag.matches(condition[...], entityTag) {
            var fields = notModifiedFields
            fields[.cacheControl] = cacheControl
            return (.notModified, fields, nil)
        }
        var fields = fields
        fields[.cacheControl] = cacheControl
        return (status, fields, body)
    }

    /// The answer at `now` to a request whose `If-None-Match` field is `condition`, as bytes:
    /// its head up to the `Date` field's value (``ResponseHead``), and its body (none for a
    /// 304). The same answer as ``answer(ifNoneMatch:now:)``'s.
    func bytes(
        ifNoneMatch condition: ByteBuffer?,
        now: Date
    ) -> (
        status: HTTPResponse.Status, head: ByteBuffer, body: ByteBuffer?
    ) {
        let notModified = entityTag.map { tag in condition.map { EntityTag.matches($0, tag) } ?? false } ?? false
        if notModified, let readyNotModifiedHead { return (.notModified, readyNotModifiedHead, nil) }
        if !notModified, let readyHead { return (status, readyHead, body) }
        let answer = answer(ifNoneMatch: condition.map { String(buffer: $0) }, now: now)
        return (answer.status, ResponseHead.bytes(answer.status, answer.fields, body: answer.body), answer.body)
    }

    /// Seconds clients may keep it from `now`: ``maxAge``, cut at the next change.
    func maxAge(at now: Date) -> Int {
        guard let nextChange else { return maxAge }
        return max(0, min(maxAge, Int(nextChange.timeIntervalSince(now).rounded(.down))))
    }
}
