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
    let reader: PublicReader
    let cache: ResponseCache
    let configuration: DeliveryConfiguration
    /// The answers that never change while the server runs.
    let openAPI: Representation
    let guidelines: Representation

    init(pool: ConnectionPool, registry: PluginRegistry, configuration: DeliveryConfiguration) {
        self.pool = pool
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
        router.get("/v1/{tenant}") { request, context in try await tenant(request, context) }
        router.get("/v1/{tenant}/search") { request, context in try await search(request, context) }
        router.get("/v1/{tenant}/{type}") { request, context in try await list(request, context) }
        router.get("/v1/{tenant}/{type}/{slug}") { request, context in try await item(request, context) }
        return router
    }

    // MARK: Routes

    private func health() async throws -> Response {
        do {
            _ = try await pool.withConnection { connection in
                try await connection.run { try $0.query("select 1", prepared: true).count }
            }
        } catch {
            throw Problem(.serviceUnavailable, "the database cannot be reached")
        }
        let body = FieldValue.object(["status": .text("ok"), "database": .text("ok")]).jsonText
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

    private func tenant(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let code = try context.parameters.require("tenant")
        try QueryParameters(request.uri.query).only([], on: "a tenant")
        return try await answer(request, key: "tenant", tenant: code) { tenant, _ in
            let types = reader.rules.registry.contentTypes.map { type -> FieldValue in
                .object([
                    "name": .text(type.name),
                    "plural": .text(type.plural),
                    "label": .text(type.label),
                    "url": .text("/v1/\(code)/\(type.plural)"),
                    "filters": .list(ListRequest.filterNames(of: type).map(FieldValue.text)),
                    "facets": .list(type.fields.filter(\.isFacet).map { .text($0.filterName) }),
                ])
            }
            let document = FieldValue.object([
                "code": .text(tenant.tenant.code),
                "name": .text(tenant.tenant.name),
                "default_language": .text(tenant.tenant.defaultLanguage),
                "languages": .list(tenant.tenant.languages.map(FieldValue.text)),
                "types": .list(types),
                "search": .text("/v1/\(code)/search"),
            ])
            return representation(document, tenant: tenant)
        }
    }

    private func list(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let code = try context.parameters.require("tenant")
        let type = try contentType(context)
        let parameters = try QueryParameters(request.uri.query)
        let list = try ListRequest(type: type, parameters: parameters)
        let language = try LanguagePreference(
            lang: parameters.value("lang"),
            acceptLanguage: request.headers[.acceptLanguage]
        )
        let key = "list \(type.name) \(list.key) \(language.key)"
        return try await answer(request, key: key, tenant: code, negotiated: language.isNegotiated) {
            tenant,
            connection in
            var query = list.query
            query.fallbackLanguages = try language.chain(for: tenant.tenant, what: "tenant \(code)")
            let page = try reader.list(query, tenant: tenant, on: connection)
            let languages = ContentDocument.languages(
                of: page.items,
                chain: query.fallbackLanguages,
                fallback: LanguagePreference.first(of: query.fallbackLanguages, in: tenant.tenant)
            )
            var document: [String: FieldValue] = [
                "tenant": .text(code),
                "type": .text(type.name),
                "languages": .list(languages.map(FieldValue.text)),
                "items": .list(page.items.map { ContentDocument.item($0, type: type) }),
                "limit": .integer(query.limit),
                "next": page.next.map { .text(list.link(tenant: code, language: language, after: $0)) } ?? .null,
            ]
            if !list.facets.isEmpty {
                let counts = try reader.facetCounts(query, facets: list.facets, tenant: tenant, on: connection)
                document["facets"] = ContentDocument.facets(counts, asked: list.facets)
            }
            return representation(
                .object(document),
                tenant: tenant,
                languages: languages,
                lastModified: ContentDocument.lastModified(page.items),
                negotiated: language.isNegotiated
            )
        }
    }

    private func item(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let code = try context.parameters.require("tenant")
        let type = try contentType(context)
        let slug = try context.parameters.require("slug")
        guard Self.isSlug(slug) else {
            throw Problem.notFound("tenant \(code) publishes no \(type.name) called \(slug)")
        }
        let parameters = try QueryParameters(request.uri.query)
        try parameters.only(["lang"], on: "an item")
        let language = try LanguagePreference(
            lang: parameters.value("lang"),
            acceptLanguage: request.headers[.acceptLanguage]
        )
        let key = "item \(type.name) \(slug) \(language.key)"
        return try await answer(request, key: key, tenant: code, negotiated: language.isNegotiated) {
            tenant,
            connection in
            let chain = try language.chain(for: tenant.tenant, what: "tenant \(code)")
            guard
                let item = try reader.item(
                    slug: slug,
                    type: type.name,
                    languages: chain,
                    tenant: tenant,
                    on: connection
                )
            else {
                throw Problem.notFound("tenant \(code) publishes no \(type.name) called \(slug)")
            }
            return representation(
                ContentDocument.item(item, type: type),
                tenant: tenant,
                languages: [item.language],
                lastModified: ContentDocument.lastModified([item]),
                negotiated: language.isNegotiated
            )
        }
    }

    private func search(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let code = try context.parameters.require("tenant")
        let parameters = try QueryParameters(request.uri.query)
        let search = try SearchRequest(parameters: parameters, rules: reader.rules)
        let language = try LanguagePreference(
            lang: parameters.value("lang"),
            acceptLanguage: request.headers[.acceptLanguage]
        )
        let key = "search \(search.key) \(language.key)"
        return try await answer(request, key: key, tenant: code, negotiated: language.isNegotiated) {
            tenant,
            connection in
            let chain = try language.chain(for: tenant.tenant, what: "tenant \(code)")
            var query = search.query
            query.language = LanguagePreference.first(of: chain, in: tenant.tenant)
            let page = try reader.search(query, tenant: tenant, on: connection)
            var document: [String: FieldValue] = [
                "tenant": .text(code),
                "q": .text(query.text),
                "language": .text(query.language!),
                "hits": .list(
                    page.hits.compactMap { hit in
                        reader.rules.registry.contentType(hit.item.type).map { type in
                            .object([
                                "item": ContentDocument.item(hit.item, type: type),
                                "snippet": ContentDocument.snippet(hit.snippet),
                            ])
                        }
                    }
                ),
                "limit": .integer(query.limit),
                "offset": .integer(query.offset),
                "next": page.next.flatMap { $0 <= 10_000 ? $0 : nil }.map {
                    .text(search.link(tenant: code, language: language, offset: $0))
                } ?? .null,
            ]
            if !search.facets.isEmpty {
                let counts = try reader.facetCounts(query, facets: search.facets, tenant: tenant, on: connection)
                document["facets"] = ContentDocument.facets(counts, asked: search.facets)
            }
            return representation(
                .object(document),
                tenant: tenant,
                languages: [query.language!],
                lastModified: ContentDocument.lastModified(page.hits.map(\.item)),
                negotiated: language.isNegotiated
            )
        }
    }

    // MARK: Answers

    /// The answer for `key` in the tenant with `code`: kept, or read by `load` with the
    /// tenant (404 when the public sees no such tenant). A 404 that `load` throws is kept too.
    private func answer(
        _ request: Request,
        key: String,
        tenant code: String,
        negotiated: Bool = false,
        load: @escaping @Sendable (PublicTenant, isolated Connection) throws -> Representation
    ) async throws -> Response {
        guard Self.isCode(code) else { throw Problem.notFound("there is no tenant \(code)") }
        let path = request.uri.path
        let representation = try await cache.representation(for: code + " " + key, now: Date()) {
            let started = Date()
            return try await pool.withConnection { connection in
                try await connection.run { connection in
                    var tenant: PublicTenant?
                    do {
                        guard let found = try reader.tenant(code, on: connection) else {
                            throw Problem.notFound("there is no tenant \(code)")
                        }
                        tenant = found
                        return try load(found, connection)
                    } catch let problem as Problem where problem.status == .notFound {
                        return Representation(
                            status: .notFound,
                            json: problem.json(instance: path),
                            contentType: Problem.contentType,
                            negotiated: negotiated,
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
    private func representation(
        _ document: FieldValue,
        tenant: PublicTenant,
        languages: [String]? = nil,
        lastModified: Date? = nil,
        negotiated: Bool = false
    ) -> Representation {
        Representation(
            json: document.jsonText,
            contentLanguage: languages?.joined(separator: ", "),
            lastModified: lastModified,
            negotiated: negotiated,
            maxAge: configuration.maxAge,
            nextChange: tenant.nextChange,
            expires: cache.expiry(from: Date())
        )
    }

    /// The content type the `type` path parameter names (singular or plural).
    /// - Throws: ``Problem`` 404 when there is none.
    private func contentType(_ context: BasicRequestContext) throws -> ContentType {
        let name = try context.parameters.require("type")
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
