/// One field of a content type: its name, kind and rules.
///
/// ```swift
/// FieldSpec("phases", .list(.choice(.phases)), required: true, shared: true,
///           label: "Crisis phases", filter: "phase")
/// ```
public struct FieldSpec: Sendable, Hashable {
    /// The stored name (`phases`).
    public let name: String
    /// What the field holds.
    public let kind: FieldKind
    /// Whether a value is required.
    public let required: Bool
    /// Whether the value is the same in every language version (dates, vocabularies,
    /// countries) rather than translated.
    public let shared: Bool
    /// Whether only editors and admins may read it (never exported to the public).
    public let isPrivate: Bool
    /// The label people read.
    public let label: String
    /// The list filter's flag name (`--phase`), when it differs from the field name.
    public let filterName: String

    /// A field specification.
    public init(
        _ name: String,
        _ kind: FieldKind,
        required: Bool = false,
        shared: Bool = false,
        isPrivate: Bool = false,
        label: String? = nil,
        filter: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.shared = shared
        self.isPrivate = isPrivate
        self.label = label ?? name.replacingUnderscores()
        filterName = filter ?? name.replacing("_", with: "-")
    }

    /// Whether the value differs per language.
    public var translatable: Bool { !shared }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        let spaced = replacing("_", with: " ")
        return spaced.prefix(1).uppercased() + spaced.dropFirst()
    }
}
