/// Why a content operation was refused; nothing was written.
public struct ContentError: Error, Sendable, CustomStringConvertible {
    /// The kind of refusal. Compare with the static constants.
    public struct Code: Hashable, Sendable {
        private let name: String
        private init(_ name: String) { self.name = name }
        public static let notFound = Code("not found")
        public static let conflict = Code("version conflict")
        public static let slugTaken = Code("slug taken")
        public static let unknownType = Code("unknown type")
        public static let unknownTenant = Code("unknown tenant")
        public static let archivedTenant = Code("archived tenant")
        public static let forbidden = Code("forbidden")
        public static let invalidState = Code("invalid state")
    }

    /// The kind.
    public let code: Code
    /// What happened and what to do.
    public let message: String

    /// An error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// No item with that id (or slug) in the tenant.
    public static func notFound(_ what: String, tenant: String) -> ContentError {
        ContentError(.notFound, "no \(what) in tenant \(tenant)")
    }

    /// The item changed since the caller read it.
    public static func conflict(id: Int64, expected: Int, actual: Int) -> ContentError {
        ContentError(
            .conflict,
            "item \(id) is at version \(actual) but the change was made to version \(expected); "
                + "read it again and reapply the change"
        )
    }
}
