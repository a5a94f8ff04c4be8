import Foundation
import Kernel
import LocalPostgres
import Postgres
import Store

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `serve` and `serve-304`: a published practice (about 4 KB of JSON) fetched by `wrk` on
/// loopback from `micic serve` vs the same bytes served by nginx from a static file, in
/// requests per second (ratio: micic's rate over nginx's); `serve-304` sends each server
/// its own entity tag in `If-None-Match` and gets 304s. Neither server logs requests; runs
/// alternate, medians of five or more (``RunSeries``).
struct ServeBenchmark: Benchmark {
    let name = "serve"
    let seconds = 4
    /// Runs of each figure (``RunSeries``): at least 5, at most 15, adding runs for up to
    /// 4 minutes.
    let minimumRuns = 5
    let maximumRuns = 15
    let budget = 240.0
    let threads = 2
    let connections = 32

    func run(in context: BenchContext) async throws -> Figure {
        try await figures(in: context)[0]
    }

    func figures(in context: BenchContext) async throws -> [Figure] {
        let wrk = try BenchContext.installed("wrk")
        let nginx = try BenchContext.installed("nginx")
        try await context.prepareContent()
        let slug = try await publishPractice(in: context)
        let reader = "micic_bench_web"
        let owner = try await context.connect()
        try await owner.execute(
            """
            do $$ begin create role micic_bench_web login in role micic_public;
            exception when duplicate_object then null; end $$
            """
        )
        await owner.close()
        let micic = try BackgroundServer(
            try BenchContext.sibling("micic"),
            [
                "serve", "--port", "0", "--database-url",
                context.cluster.url(database: "bench").replacing("postgres@", with: reader + "@"),
            ],
            environment: ["MICIC_LOG_LEVEL": "warning"],
            log: context.scratch + "/serve.log"
        )
        defer { micic.stop() }
        let micicPort = try micic.wait { output in
            output.range(of: "listening on http://127.0.0.1:").map {
                Int(output[$0.upperBound...].prefix(while: \.isNumber))
            } ?? nil
        }
        let micicURL = "http://127.0.0.1:\(micicPort)/v1/cr/practices/\(slug)"
        let (body, micicTag) = try await Self.fetch(micicURL)
        guard (3_500...4_700).contains(body.count) else {
            throw BenchError(message: "the practice's JSON is \(body.count) bytes, not about 4 KB")
        }
        guard !String(decoding: body, as: UTF8.self).contains("submitter") else {
            throw BenchError(message: "micic serve sent a private field")
        }
        let site = try NginxSite(body: body, nginx: nginx)
        defer { site.stop() }
        let (copy, nginxTag) = try await Self.fetch(site.url)
        guard copy == body else { throw BenchError(message: "nginx does not serve the same bytes") }
        for (url, tag) in [(micicURL, micicTag), (site.url, nginxTag)] {
            let status = try await Self.status(url, ifNoneMatch: tag)
            guard status == 304 else { throw BenchError(message: "\(url) answered \(status), not 304, to its tag") }
        }
        note("  \(body.count) bytes; micic ETag \(micicTag), nginx ETag \(nginxTag)")
        let series = try await RunSeries.measure(
            "serve, serve-304",
            figures: 2,
            areRates: true,
            minimum: minimumRuns,
            maximum: maximumRuns,
            seconds: budget
        ) { _ in
            [
                (
                    micic: try measure(wrk, url: micicURL, ifNoneMatch: nil, in: context),
                    baseline: try measure(wrk, url: site.url, ifNoneMatch: nil, in: context)
                ),
                (
                    micic: try measure(wrk, url: micicURL, ifNoneMatch: micicTag, in: context),
                    baseline: try measure(wrk, url: site.url, ifNoneMatch: nginxTag, in: context)
                ),
            ]
        }
        for (name, runs) in zip(["serve", "serve-304"], series) {
            let rates = { (values: [Double]) in values.map { String(format: "%.0f", $0) }.joined(separator: " ") }
            note("  \(name): micic \(rates(runs.micic)); nginx \(rates(runs.baseline)) req/s")
        }
        return [Self.figure("serve", series[0]), Self.figure("serve-304", series[1])]
    }

    /// Publishes a practice whose JSON is about 4 KB (a body of 2,700 characters) and
    /// returns its slug.
    private func publishPractice(in context: BenchContext) async throws -> String {
        let connection = try await context.connect()
        let store = PostgresContentStore(connection: connection, registry: try BenchContext.contentRegistry())
        let tenant = BenchContext.contentTenant.code
        var fields = PracticeSamples.fields(4_242, language: "es", bodyLength: 2_700)
        fields["submitter_contact"] = .text("Private contact, bench@example.org")
        var item = try await store.create(
            ItemDraft(type: "practice", title: PracticeSamples.title(4_242, language: "es"), fields: fields),
            tenant: tenant,
            author: "bench",
            message: nil
        )
        for step in ["submit", "approve", "publish"] {
            item = try await store.transition(
                id: item.id,
                tenant: tenant,
                name: step,
                expectedVersion: item.version,
                author: "bench",
                comment: nil
            )
        }
        await connection.close()
        return item.slug
    }

    /// Requests per second `wrk` reaches on `url`.
    private func measure(
        _ wrk: String,
        url: String,
        ifNoneMatch tag: String?,
        in context: BenchContext
    ) throws
        -> Double
    {
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s"]
        if let tag { arguments += ["-H", "If-None-Match: \(tag)"] }
        let output = try context.run(wrk, arguments + [url]).output
        if output.contains("Non-2xx or 3xx responses") || output.contains("Socket errors") {
            throw BenchError(message: "wrk saw errors on \(url):\n\(output)")
        }
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces))
        else { throw BenchError(message: "wrk printed no rate:\n\(output)") }
        return rate
    }

    private static func figure(_ name: String, _ series: RunSeries) -> Figure {
        Figure(
            name: name,
            value: median(series.micic),
            unit: "req/s",
            baseline: "nginx static file",
            baselineValue: median(series.baseline),
            ratio: series.ratio
        )
    }

    /// The body and entity tag of `url`.
    private static func fetch(_ url: String) async throws -> (Data, String) {
        let (data, response) = try await session.data(from: URL(string: url)!)
        guard let http = response as? HTTPURLResponse, http.statusCode == 200,
            let tag = http.value(forHTTPHeaderField: "ETag")
        else { throw BenchError(message: "\(url) did not answer 200 with an ETag") }
        return (data, tag)
    }

    /// The status of `url` asked with `If-None-Match`.
    private static func status(_ url: String, ifNoneMatch tag: String) async throws -> Int {
        var request = URLRequest(url: URL(string: url)!)
        request.setValue(tag, forHTTPHeaderField: "If-None-Match")
        let (_, response) = try await session.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        return URLSession(configuration: configuration)
    }()
}

extension BenchContext {
    /// The path of a program installed by Scripts/bench (in PATH or /usr/sbin).
    static func installed(_ name: String) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in path + ["/usr/sbin", "/usr/bin"]
        where FileManager.default.isExecutableFile(
            atPath: directory + "/" + name
        ) {
            return directory + "/" + name
        }
        throw BenchError(message: "\(name) was not found; Scripts/bench installs it")
    }
}
