internal import Kernel

/// The flags of `user create` and `user grant` that give a role.
enum MembershipFlags {
    /// `--role`, in `--tenant` (or the tenant in use).
    static let role = FlagSpec(
        "role",
        summary: "admin, editor, translator, reviewer or viewer, in --tenant (or the tenant in use)",
        values: Role.allCases.map(\.rawValue),
        placeholder: "ROLE"
    )
    /// `--languages`.
    static let languages = FlagSpec.language(
        "languages",
        summary: "the languages a translator or reviewer works in",
        several: true
    )
}
