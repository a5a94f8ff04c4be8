import Kernel
import Testing

/// Who attacks: every role of tenant `ta`, a person of no tenant, a platform administrator,
/// and the public reader's login (a member of `micic_public`, no person).
enum Attacker: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case admin, editor, translator, reviewer, viewer
    case outsider
    case platformAdmin = "platform_admin"
    case reader = "web"

    /// The people with a role in tenant `ta`.
    static let membersOfA: [Attacker] = [.admin, .editor, .translator, .reviewer, .viewer]
    /// Every person (a login role in `micic_people`).
    static let people: [Attacker] = membersOfA + [.outsider, .platformAdmin]
    /// Everyone but the platform administrator, who may do everything everywhere.
    static let lesser: [Attacker] = membersOfA + [.outsider, .reader]

    /// The role in tenant `ta`, for its members.
    var role: Role? { Role(rawValue: rawValue) }

    /// The languages the member translates or reviews in tenant `ta`.
    var languages: [String] {
        switch self {
        case .translator: ["es", "fr"]
        case .reviewer: ["es"]
        default: []
        }
    }

    var testDescription: String { rawValue }
}
