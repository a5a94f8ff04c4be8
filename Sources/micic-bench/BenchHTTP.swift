import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Single requests to the servers the serve benchmarks load (to check what they answer),
/// with no client cache in the way.
enum BenchHTTP {
    /// The status, body and entity tag of `url` asked for with `headers`.
    static func get(
        _ url: String,
        headers: [String: String] = [:]
    ) async throws -> (
        status: Int, body: Data, tag: String?
    ) {
        var request = URLRequest(url: URL(string: url)!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        return (http?.statusCode ?? 0, data, http?.value(forHTTPHeaderField: "ETag"))
    }

    /// The body and entity tag of `url`.
    /// - Throws: when it does not answer 200 with an entity tag.
    static func fetch(_ url: String) async throws -> (Data, String) {
        let (status, body, tag) = try await get(url)
        guard status == 200, let tag else { throw BenchError(message: "\(url) did not answer 200 with an ETag") }
        return (body, tag)
    }

    /// The JSON object `url` answers with 200.
    static func object(_ url: String) async throws -> [String: Any] {
        let (status, body, _) = try await get(url)
        guard status == 200, let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw BenchError(message: "\(url) answered \(status): \(String(decoding: body.prefix(300), as: UTF8.self))")
        }
        return object
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        return URLSession(configuration: configuration)
    }()
}
