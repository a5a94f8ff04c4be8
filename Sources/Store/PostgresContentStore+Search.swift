public import Kernel
public import Postgres

extension PostgresContentStore {
    public func search(_ query: SearchQuery, tenant: String) async throws -> SearchPage {
        try await connection.run { try self.search(query, tenant: tenant, on: $0) }
    }

    /// A page of search results, read on `connection`.
    public func search(_ query: SearchQuery, tenant: String, on connection: isolated Connection) throws -> SearchPage {
        try searchQuery(query, tenant: tenant, on: connection).page(tenant: tenant, on: connection)
    }

    /// The statement ``search(_:tenant:)`` runs for `query` (for `EXPLAIN` and benchmarks).
    public func searchStatement(
        _ query: SearchQuery,
        tenant: String,
        on connection: isolated Connection
    ) throws
        -> Query
    {
        try searchQuery(query, tenant: tenant, on: connection).statement
    }

    public func facetCounts(_ query: SearchQuery, facets: [String], tenant: String) async throws -> [FacetCount] {
        try await connection.run { try self.facetCounts(query, facets: facets, tenant: tenant, on: $0) }
    }

    /// The facet counts of every match of `query`, read on `connection`.
    public func facetCounts(
        _ query: SearchQuery,
        facets: [String],
        tenant: String,
        on connection: isolated Connection
    ) throws -> [FacetCount] {
        let statement = try searchQuery(query, tenant: tenant, on: connection).facetStatement(facets)
        return FacetCount.ordered(try FacetCountQuery.counts(connection.query(statement)), facets: facets)
    }

    private func searchQuery(
        _ query: SearchQuery,
        tenant: String,
        on connection: isolated Connection
    ) throws
        -> ItemSearchQuery
    {
        let record = try tenantRecord(tenant, on: connection)
        return try ItemSearchQuery(
            query,
            tenantID: record.id,
            tenantLanguages: record.tenant.languages,
            rules: rules,
            configurations: searchConfigurations,
            on: connection
        )
    }
}
