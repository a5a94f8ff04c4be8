/// A `wrk` script asking for a list of paths in order, each of its threads from its own share
/// of them: while a run makes fewer requests than there are paths, no path is asked twice.
struct WrkPathsScript {
    let paths: [String]

    /// The script's text for `wrk -s`, for `threads` threads.
    func text(threads: Int) -> String {
        let share = paths.count / max(threads, 1)
        let table = paths.map { "  \"" + $0.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"") + "\"," }
        return """
            paths = {
            \(table.joined(separator: "\n"))
            }
            local threads = 0
            function setup(thread)
              thread:set("position", threads * \(share))
              threads = threads + 1
            end
            function request()
              position = position % #paths + 1
              return wrk.format("GET", paths[position])
            end

            """
    }
}
