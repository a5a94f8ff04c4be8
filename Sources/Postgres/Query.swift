/// A SQL statement whose values travel as bound parameters.
///
/// Interpolated values become placeholders (`$1`, `$2`, ...) with the value bound beside
/// the text, so no input is ever spliced into SQL:
///
/// ```swift
/// let query: Query = "select title from items where tenant_id = \(tenant) and slug = \(slug)"
/// // select title from items where tenant_id = $1 and slug = $2   -- plus two bindings
/// ```
///
/// Identifiers that must be dynamic (a table chosen at run time) go through the visibly
/// named ``StringInterpolation/appendInterpolation(identifier:)``, which quotes them with
/// libpq's `PQescapeIdentifier`. Queries compose: interpolating a `Query` appends its text
/// and renumbers its parameters.
public struct Query: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Fragment: Sendable {
        case sql(String)
        case identifier(String)
        case parameter(Int)
    }

    private(set) var fragments: [Fragment]
    /// The values bound to the placeholders, in order.
    public private(set) var bindings: [any PostgresEncodable]

    /// A statement with no parameters.
    public init(stringLiteral value: String) {
        fragments = [.sql(value)]
        bindings = []
    }

    public init(stringInterpolation: StringInterpolation) {
        fragments = stringInterpolation.fragments
        bindings = stringInterpolation.bindings
    }

    /// SQL text that comes from the program itself, not from input: migration files, or a
    /// statement assembled from fixed pieces. Never pass user input here.
    public init(unsafeSQL sql: String) {
        fragments = [.sql(sql)]
        bindings = []
    }

    /// Appends another query, renumbering its parameters.
    public mutating func append(_ other: Query) {
        let offset = bindings.count
        for fragment in other.fragments {
            if case .parameter(let index) = fragment {
                fragments.append(.parameter(index + offset))
            } else {
                fragments.append(fragment)
            }
        }
        bindings.append(contentsOf: other.bindings)
    }

    /// Two queries one after the other.
    public static func + (lhs: Query, rhs: Query) -> Query {
        var result = lhs
        result.append(rhs)
        return result
    }

    /// The statement with `$n` placeholders, identifiers shown with simple double quoting.
    /// For display only; execution quotes identifiers through libpq.
    public var description: String {
        render { name in
            "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
        }
    }

    /// The statement text with placeholders, quoting identifiers with `quote`.
    func render(quotingIdentifiers quote: (String) throws -> String) rethrows -> String {
        var text = ""
        for fragment in fragments {
            switch fragment {
            case .sql(let sql): text += sql
            case .identifier(let name): text += try quote(name)
            case .parameter(let index): text += "$\(index + 1)"
            }
        }
        return text
    }

    /// Builds the fragments and bindings of an interpolated query.
    public struct StringInterpolation: StringInterpolationProtocol {
        var fragments: [Fragment] = []
        var bindings: [any PostgresEncodable] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            fragments.reserveCapacity(interpolationCount * 2 + 1)
            bindings.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            fragments.append(.sql(literal))
        }

        /// Binds a value as the next parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            fragments.append(.parameter(bindings.count))
            bindings.append(value)
        }

        /// Binds an optional value as the next parameter; `nil` is SQL NULL.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            fragments.append(.parameter(bindings.count))
            bindings.append(value)
        }

        /// Inserts an identifier (table, column, role name), quoted by libpq at execution.
        public mutating func appendInterpolation(identifier name: String) {
            fragments.append(.identifier(name))
        }

        /// Inserts a whole query, keeping its own bound values.
        public mutating func appendInterpolation(_ query: Query) {
            var combined = Query(stringInterpolation: self)
            combined.append(query)
            fragments = combined.fragments
            bindings = combined.bindings
        }
    }
}

extension Sequence<Query> {
    /// The queries one after another with `separator` between them.
    public func joined(separator: String) -> Query {
        var result = Query(stringLiteral: "")
        for (index, query) in enumerated() {
            if index > 0 { result.append(Query(unsafeSQL: separator)) }
            result.append(query)
        }
        return result
    }
}
