import Testing

@testable import Delivery

/// The fast path reads request targets as the router's routes do.
@Suite struct CachedAnswerRouteTests {
    @Test func contentRoutesAreReadFromTheTargetAndEverythingElseGoesToTheRouter() {
        func describe(_ target: String) -> String? {
            guard let (route, query) = CachedAnswerHandler.route(target) else { return nil }
            let text =
                switch route {
                case .tenant(let tenant): "tenant \(tenant)"
                case .search(let tenant): "search \(tenant)"
                case .list(let tenant, let type): "list \(tenant) \(type)"
                case .item(let tenant, let type, let slug): "item \(tenant) \(type) \(slug)"
                }
            return text + (query.map { " ?" + $0 } ?? "")
        }
        #expect(describe("/v1/cr") == "tenant cr")
        #expect(describe("/v1/cr/search?q=x") == "search cr ?q=x")
        #expect(describe("/v1/cr/practices?") == "list cr practices ?")
        #expect(describe("/v1/cr/practices/hyogo-e-net?lang=es&x=/") == "item cr practices hyogo-e-net ?lang=es&x=/")
        for other in ["/", "/v1", "/v1/", "/v1//practices", "/v1/cr/", "/v1/cr/a/b/c", "/v2/cr", "/health", "v1/cr"] {
            #expect(describe(other) == nil, "\(other)")
        }
    }
}
