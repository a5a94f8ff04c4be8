internal import Foundation

/// Edits the database name in a `postgresql://` URL without re-encoding the rest.
enum URLText {
    /// `postgresql://user@host/old?x=y` with `old` replaced by `database`.
    static func replacingDatabase(in url: String, with database: String) throws -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let queryStart = rest.firstIndex(of: "?") ?? rest.endIndex
        let authorityEnd = rest[..<queryStart].firstIndex(of: "/") ?? queryStart
        return String(url[..<schemeEnd.upperBound]) + rest[..<authorityEnd] + "/" + database + rest[queryStart...]
    }
}
