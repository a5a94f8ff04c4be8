internal import Hummingbird
internal import Kernel

/// An error answered as an RFC 9457 problem detail (`application/problem+json`): the
/// status, its reason phrase as the title, a sentence saying what was wrong, and for a bad
/// request the parameters at fault. It carries nothing private: the detail names only what
/// the request itself named.
struct Problem: Error, HTTPResponseError, Sendable {
    /// The status code.
    let status: HTTPResponse.Status
    /// What was wrong, for people.
    let detail: String
    /// The request's parameters at fault and why (400 only).
    let invalidParameters: [ValidationIssue]
    /// Extra header fields (`Allow` on a 405).
    var headers: HTTPFields = [:]

    /// A problem.
    init(_ status: HTTPResponse.Status, _ detail: String, invalidParameters: [ValidationIssue] = []) {
        self.status = status
        self.detail = detail
        self.invalidParameters = invalidParameters
    }

    /// 404: there is no such resource.
    static func notFound(_ detail: String) -> Problem { Problem(.notFound, detail) }

    /// 400: a parameter is malformed or unknown.
    static func badParameter(_ name: String, _ reason: String) -> Problem {
        Problem(
            .badRequest,
            "the parameter \(name) \(reason)",
            invalidParameters: [ValidationIssue(field: name, message: reason)]
        )
    }

    /// The problem document, as JSON text.
    func json(instance: String) -> String {
        var document: [String: FieldValue] = [
            "type": .text("about:blank"),
            "title": .text(status.reasonPhrase),
            "status": .integer(status.code),
            "detail": .text(detail),
            "instance": .text(instance),
        ]
        if !invalidParameters.isEmpty {
            document["invalid-params"] = .list(
                invalidParameters.map { .object(["name": .text($0.field), "reason": .text($0.message)]) }
            )
        }
        return FieldValue.object(document).jsonText
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = Self.contentType
        if status.code >= 500 { fields[.cacheControl] = "no-store" }
        let body = json(instance: request.uri.path)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    /// The media type of problem details.
    static let contentType = "application/problem+json"
}
