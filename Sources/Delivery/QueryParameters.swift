internal import Foundation
internal import Hummingbird

/// The parameters of a request's query string, decoded (`+` as a space, then percent
/// escapes), in order. A name may repeat; list values may also be separated by commas.
struct QueryParameters: Sendable {
    private var pairs: [(name: String, value: String)] = []

    /// The parameters of `query` (the part of the URI after `?`).
    /// - Throws: ``Problem`` 400 for a broken percent escape.
    init(_ query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for part in query.split(separator: "&") where !part.isEmpty {
            let equals = part.firstIndex(of: "=")
            let rawName = equals.map { part[..<$0] } ?? part
            let rawValue = equals.map { part[part.index(after: $0)...] } ?? ""
            guard let name = Self.decode(rawName), let value = Self.decode(rawValue) else {
                throw Problem(.badRequest, "the query string holds a malformed percent escape")
            }
            pairs.append((name, value))
        }
    }

    /// The names given, in order, once each.
    var names: [String] {
        var seen = Set<String>()
        return pairs.map(\.name).filter { seen.insert($0).inserted }
    }

    /// The value of a parameter given at most once.
    /// - Throws: ``Problem`` 400 when it is given more than once.
    func value(_ name: String) throws -> String? {
        let values = pairs.filter { $0.name == name }.map(\.value)
        guard values.count <= 1 else { throw Problem.badParameter(name, "is given more than once") }
        return values.first
    }

    /// Every value of a parameter, each split at commas, blanks dropped.
    func list(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.flatMap { $0.value.split(separator: ",") }.map {
            String($0.trimmed)
        }.filter { !$0.isEmpty }
    }

    /// A whole number from `range`, or `fallback` when the parameter is absent.
    func integer(_ name: String, in range: ClosedRange<Int>, default fallback: Int) throws -> Int {
        guard let text = try value(name) else { return fallback }
        guard let number = Int(text), range.contains(number) else {
            throw Problem.badParameter(name, "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// Refuses any parameter not in `known`.
    func only(_ known: [String], on what: String) throws {
        for name in names where !known.contains(name) {
            throw Problem.badParameter(
                name,
                "is not known; \(what) takes " + (known.isEmpty ? "none" : known.joined(separator: ", "))
            )
        }
    }

    /// `text` with `+` as a space and percent escapes decoded, or `nil` when an escape is broken.
    private static func decode(_ text: Substring) -> String? {
        let spaced = text.replacing("+", with: " ")
        return spaced.contains("%") ? spaced.removingPercentEncoding : String(spaced)
    }

    /// A query string of `pairs`, each value escaped.
    static func text(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { $0.name + "=" + escape($0.value) }.joined(separator: "&")
    }

    /// `text` escaped for a query string value.
    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )
}
