internal import Foundation
internal import Hummingbird
internal import Kernel
internal import Postgres
internal import Store

/// The routes of the delivery API and what they answer. Content is read by the public
/// reader (``PublicReader``) from a pool of connections and kept briefly in a
/// ``ResponseCache``; every answer states its language, entity tag and freshness.
struct DeliveryAPI: Sendable {
    let pool: ConnectionPool
    /// Where content is read: standbys that have replayed what the server heard of, or `pool`.
    let readers: ReadRouting
    let reader: PublicReader
    let cache: ResponseCache
    /// The cache keys of requests by their bytes, for the fast path (``CachedAnswerHandler``).
    let keys = ReadingKeys()
    let configuration: DeliveryConfiguration
    /// The answers that never change while the server runs.
    let openAPI: Representation
    let guidelines: Representation

    init(
        pool: ConnectionPool,
        registry: PluginRegistry,
        configuration: DeliveryConfiguration,
        standbys: [ConnectionPool] = []
    ) {
        self.pool = pool
        readers = ReadRouting(primary: pool, standbys: standbys, floor: ReplayFloor(), maxLag: configuration.maxLag)
        reader = PublicReader(registry: registry)
        cache = ResponseCache(lifetime: configuration.cacheLifetime)
        self.configuration = configuration
        openAPI = Representation(json: OpenAPIDocument.text, maxAge: 3600, expires: .distantFuture)
        guidelines = Representation(
            json: Self.guidelinesDocument.jsonText,
            contentLanguage: "en",
            maxAge: 3600,
            expires: .distantFuture
        )
    }

    /// The router: every route, with request logging and problem details around them.
    func router() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.get("/health") { _, _ in try await health() }
        router.get("/openapi.json") { request, _ in openAPI.response(to: request, now: Date()) }
        router.get("/v1/guidelines") { request, _ in try guidelines(request) }
        router.get("/v1/{tenant}") { request, context in
            try await content(.tenant(try context.parameters.require("tenant")), request)
        }
        router.get("/v1/{tenant}/search") { request, context in
            try await content(.search(try context.parameters.require("tenant")), request)
        }
        router.get("/v1/{tenant}/{type}") { request, context in
            let parameters = context.parameters
            return try await content(.list(try parameters.require("tenant"), try parameters.require("type")), request)
        }
        router.get("/v1/{tenant}/{type}/{slug}") { request, context in
            let parameters = context.parameters
            let route = ContentRoute.item(
                try parameters.require("tenant"),
                try parameters.require("type"),
                try parameters.require("slug")
            )
            return try await content(route, request)
        }
        return router
    }

    // MARK: Routes

    private func health() async throws -> Response {
        let body: String
        do {
            body = try await readers.health().jsonText
        } catch {
            throw Problem(.serviceUnavailable, "the database cannot be reached")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/json", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body))
        )
    }

    private func guidelines(_ request: Request) throws -> Response {
        let parameters = try QueryParameters(request.uri.query)
        try parameters.only(["lang"], on: "the guidelines")
        let language = try LanguagePreference(lang: parameters.value("lang"), acceptLanguage: nil)
        _ = try language.chain(
            for: Tenant(code: "guidelines", name: "", defaultLanguage: "en", languages: ["en"]),
            what: "the guidelines"
        )
        return guidelines.response(to: request, now: Date())
    }

    /// Answers a content route: the reading its parameters make, kept or read.
    private func content(_ route: ContentRoute, _ request: Request) async throws -> Response {
        let reading = try reading(
            for: route,
            query: request.uri.query,
            acceptLanguage: request.headers[.acceptLanguage]
        )
        return try await answer(request, reading)
    }

    // MARK: Answers

    /// The answer `reading` gives: kept, or read with its tenant (404 when the public sees
    /// no such tenant). A 404 that its reading throws is kept too.
    private func answer(_ request: Request, _ reading: ContentReading) async throws -> Response {
        let path = request.uri.path
        let representation = try await cache.representation(for: reading.cacheKey, now: Date()) {
            let started = Date()
            return try await readers.withConnection { connection in
                try await connection.run { connection in
                    var tenant: PublicTenant?
                    do {
                        guard let found = try reader.tenant(reading.tenant, on: connection) else {
                            throw Problem.notFound("there is no tenant \(reading.tenant)")
                        }
                        tenant = found
                        return try reading.load(found, connection)
                    } catch let problem as Problem where problem.status == .notFound {
                        return Representation(
                            status: .notFound,
                            json: problem.json(instance: path),
                            contentType: Problem.contentType,
                            negotiated: reading.negotiated,
                            maxAge: configuration.maxAge,
                            nextChange: tenant?.nextChange,
                            expires: cache.expiry(from: started)
                        )
                    }
                }
            }
        }
        return representation.response(to: request, now: Date())
    }

    /// The representation of content of `tenant`, kept until the cache lifetime ends or the
    /// tenant's next scheduled change.
    func representation(
        _ document: FieldValue,
        tenant: PublicTenant,
        languages: [String]? = nil,
        lastModified: Date? = nil,
        negotiated: Bool = false,
        canonical: String? = nil
    ) -> Representation {
        Representation(
            json: document.jsonText,
            contentLanguage: languages?.joined(separator: ", "),
            lastModified: lastModified,
            negotiated: negotiated,
            canonical: canonical,
            maxAge: configuration.maxAge,
            nextChange: tenant.nextChange,
            expires: cache.expiry(from: Date())
        )
    }

    /// The content type the `type` path parameter names (singular or plural).
    /// - Throws: ``Problem`` 404 when there is none.
    func contentType(_ name: String) throws -> ContentType {
        guard let type = reader.rules.registry.contentType(name) else {
            let names = reader.rules.registry.contentTypes.map(\.plural).joined(separator: ", ")
            throw Problem.notFound("there is no content type \(name) (types: \(names))")
        }
        return type
    }

    /// Whether `text` may be a tenant's code (lowercase letters, digits and hyphens).
    static func isCode(_ text: String) -> Bool {
        (2...32).contains(text.utf8.count) && text.utf8.first.map { (97...122).contains($0) } == true
            && text.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }
    }

    /// Whether `text` may be a slug (lowercase letters and digits in runs joined by hyphens).
    static func isSlug(_ text: String) -> Bool {
        var previous: UInt8 = 45
        for byte in text.utf8 {
            guard (97...122).contains(byte) || (48...57).contains(byte) || (byte == 45 && previous != 45) else {
                return false
            }
            previous = byte
        }
        return previous != 45 && text.utf8.count <= 300
    }

    /// The guidelines and crisis phases, in English.
    static let guidelinesDocument = FieldValue.object([
        "language": .text("en"),
        "phases": .list(Vocabulary.phases.terms.map { .object(["code": .text($0.code), "label": .text($0.label)]) }),
        "guidelines": .list(
            Vocabulary.guidelines.terms.map { term in
                var entry: [String: FieldValue] = ["code": .text(term.code), "label": .text(term.label)]
                for (name, value) in term.attributes { entry[name] = .text(value) }
                return .object(entry)
            }
        ),
    ])
}
