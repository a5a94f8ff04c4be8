internal import Kernel
internal import Postgres
internal import Store

/// A content route with its path parameters, as the router (or the cached-answer fast
/// path) found them.
enum ContentRoute: Sendable {
    /// `/v1/{tenant}`
    case tenant(String)
    /// `/v1/{tenant}/search`
    case search(String)
    /// `/v1/{tenant}/{type}`
    case list(String, String)
    /// `/v1/{tenant}/{type}/{slug}`
    case item(String, String, String)
}

/// What a content request reads, worked out without the database: the tenant, the key its
/// answer is kept under, and how to read it.
struct ContentReading: Sendable {
    /// The tenant's code.
    let tenant: String
    /// What identifies the answer within the tenant (route, parameters, language preference).
    let key: String
    /// Whether the language came from `Accept-Language`.
    let negotiated: Bool
    /// Reads the answer with the tenant (``Problem`` 404 for what does not exist).
    let load: @Sendable (PublicTenant, isolated Connection) throws -> Representation

    /// The key in the response cache.
    var cacheKey: ResponseCache.Key { ResponseCache.Key(tenant: tenant, answer: key) }
}

extension DeliveryAPI {
    /// The reading `route` with its `query` and `Accept-Language` field asks for.
    /// - Throws: ``Problem`` 404 for a tenant code, type or slug that cannot exist, 400 for
    ///   a malformed or unknown parameter.
    func reading(for route: ContentRoute, query: String?, acceptLanguage: String?) throws -> ContentReading {
        let parameters = try QueryParameters(query)
        switch route {
        case .tenant(let code):
            try Self.checkCode(code)
            try parameters.only([], on: "a tenant")
            return ContentReading(tenant: code, key: "tenant", negotiated: false) { tenant, _ in
                representation(tenantDocument(tenant), tenant: tenant)
            }
        case .list(let code, let name):
            try Self.checkCode(code)
            return try list(code, type: try contentType(name), parameters, acceptLanguage)
        case .item(let code, let name, let slug):
            try Self.checkCode(code)
            let type = try contentType(name)
            guard Self.isSlug(slug) else {
                throw Problem.notFound("tenant \(code) publishes no \(type.name) called \(slug)")
            }
            return try item(code, type: type, slug: slug, parameters, acceptLanguage)
        case .search(let code):
            try Self.checkCode(code)
            return try search(code, parameters, acceptLanguage)
        }
    }

    private static func checkCode(_ code: String) throws {
        guard isCode(code) else { throw Problem.notFound("there is no tenant \(code)") }
    }

    private func tenantDocument(_ tenant: PublicTenant) -> FieldValue {
        let code = tenant.tenant.code
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
        return .object([
            "code": .text(code),
            "name": .text(tenant.tenant.name),
            "default_language": .text(tenant.tenant.defaultLanguage),
            "languages": .list(tenant.tenant.languages.map(FieldValue.text)),
            "types": .list(types),
            "search": .text("/v1/\(code)/search"),
        ])
    }

    private func list(
        _ code: String,
        type: ContentType,
        _ parameters: QueryParameters,
        _ acceptLanguage: String?
    ) throws -> ContentReading {
        let list = try ListRequest(type: type, parameters: parameters)
        let language = try LanguagePreference(lang: parameters.value("lang"), acceptLanguage: acceptLanguage)
        let key = "list \(type.name) \(list.key) \(language.key)"
        return ContentReading(tenant: code, key: key, negotiated: language.isNegotiated) { tenant, connection in
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

    private func item(
        _ code: String,
        type: ContentType,
        slug: String,
        _ parameters: QueryParameters,
        _ acceptLanguage: String?
    ) throws -> ContentReading {
        try parameters.only(["lang"], on: "an item")
        let language = try LanguagePreference(lang: parameters.value("lang"), acceptLanguage: acceptLanguage)
        let key = "item \(type.name) \(slug) \(language.key)"
        return ContentReading(tenant: code, key: key, negotiated: language.isNegotiated) { tenant, connection in
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
            // An adoption names its upstream, which is the canonical page while the office
            // overrides neither its title nor its body.
            let upstream = try reader.upstream(of: item.id, tenant: tenant, on: connection)
            let upstreamURL = upstream.flatMap { ContentDocument.url(of: $0, registry: reader.rules.registry) }
            var document = ContentDocument.item(item, type: type)
            if case .object(var object) = document {
                if let upstream, let upstreamURL {
                    object["upstream"] = .object(["tenant": .text(upstream.tenant), "url": .text(upstreamURL)])
                } else {
                    object["upstream"] = .null
                }
                document = .object(object)
            }
            return representation(
                document,
                tenant: tenant,
                languages: [item.language],
                lastModified: ContentDocument.lastModified([item]),
                negotiated: language.isNegotiated,
                canonical: upstream?.isCanonical == true ? upstreamURL : nil
            )
        }
    }

    private func search(
        _ code: String,
        _ parameters: QueryParameters,
        _ acceptLanguage: String?
    ) throws
        -> ContentReading
    {
        let search = try SearchRequest(parameters: parameters, rules: reader.rules)
        let language = try LanguagePreference(lang: parameters.value("lang"), acceptLanguage: acceptLanguage)
        let key = "search \(search.key) \(language.key)"
        return ContentReading(tenant: code, key: key, negotiated: language.isNegotiated) { tenant, connection in
            let chain = try language.chain(for: tenant.tenant, what: "tenant \(code)")
            var query = search.query
            let searched = LanguagePreference.first(of: chain, in: tenant.tenant)
            query.language = searched
            let page = try reader.search(query, tenant: tenant, on: connection)
            var document: [String: FieldValue] = [
                "tenant": .text(code),
                "q": .text(query.text),
                "language": .text(searched),
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
                languages: [searched],
                lastModified: ContentDocument.lastModified(page.hits.map(\.item)),
                negotiated: language.isNegotiated
            )
        }
    }
}
