import Foundation
import Kernel
import LocalPostgres
import Postgres
import Store

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
        let wrk = WrkLoad(
            program: try BenchContext.installed("wrk"),
            seconds: seconds,
            threads: threads,
            connections: connections
        )
        let nginx = try BenchContext.installed("nginx")
        try await context.prepareContent()
        let slug = try await publishPractice(in: context)
        let reader = "micic_bench_web"
        let owner = try await context.connect()
        try await BenchContext.createPublicReader(reader, on: owner)
        await owner.close()
        let (micic, micicPort) = try BackgroundServer.micicServe(
            ["--database-url", context.cluster.url(database: "bench", user: reader)],
            log: context.scratch + "/serve.log"
        )
        defer { micic.stop() }
        let micicURL = "http://127.0.0.1:\(micicPort)/v1/cr/practices/\(slug)"
        let (body, micicTag) = try await BenchHTTP.fetch(micicURL)
        guard (3_500...4_700).contains(body.count) else {
            throw BenchError(message: "the practice's JSON is \(body.count) bytes, not about 4 KB")
        }
        guard !String(decoding: body, as: UTF8.self).contains("submitter") else {
            throw BenchError(message: "micic serve sent a private field")
        }
        let site = try NginxSite(body: body, nginx: nginx)
        defer { site.stop() }
        let (copy, nginxTag) = try await BenchHTTP.fetch(site.url)
        guard copy == body else { throw BenchError(message: "nginx does not serve the same bytes") }
        for (url, tag) in [(micicURL, micicTag), (site.url, nginxTag)] {
            let status = try await BenchHTTP.get(url, headers: ["If-None-Match": tag]).status
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
                    micic: try wrk.run(micicURL, in: context).rate,
                    baseline: try wrk.run(site.url, in: context).rate
                ),
                (
                    micic: try wrk.run(micicURL, headers: ["If-None-Match: \(micicTag)"], in: context).rate,
                    baseline: try wrk.run(site.url, headers: ["If-None-Match: \(nginxTag)"], in: context).rate
                ),
            ]
        }
        return zip(["serve", "serve-304"], series).map { name, runs in
            Figure.rates(name, runs, mine: "micic", theirs: "nginx", baseline: "nginx static file")
        }
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
