import Foundation

/// `wrk` loading an HTTP server on loopback for a few seconds, as the serve benchmarks run
/// it: the same threads, connections and duration for every server compared.
struct WrkLoad {
    /// The `wrk` program.
    let program: String
    /// How long each run lasts.
    var seconds = 4
    var threads = 2
    var connections = 32

    /// What one run reached.
    struct Result {
        /// Requests per second.
        var rate: Double
        /// Requests completed.
        var requests: Int
    }

    /// Loads `url` with `headers` added to every request (`Name: value`), or with the paths
    /// `script` (a Lua script for `wrk -s`) asks for.
    /// - Throws: when `wrk` fails, prints no rate, or saw errors or non-2xx/3xx answers.
    func run(_ url: String, headers: [String] = [], script: String? = nil, in context: BenchContext) throws -> Result {
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s"]
        for header in headers { arguments += ["-H", header] }
        if let script { arguments += ["-s", script] }
        let output = try context.run(program, arguments + [url]).output
        if output.contains("Non-2xx or 3xx responses") || output.contains("Socket errors") {
            throw BenchError(message: "wrk saw errors on \(url):\n\(output)")
        }
        let lines = output.split(separator: "\n")
        guard let line = lines.first(where: { $0.hasPrefix("Requests/sec:") }),
            let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)),
            let total = lines.first(where: { $0.contains(" requests in ") }),
            let requests = Int(total.trimmingCharacters(in: .whitespaces).prefix { $0.isNumber })
        else { throw BenchError(message: "wrk printed no rate:\n\(output)") }
        return Result(rate: rate, requests: requests)
    }
}
