/// A session's `plan_cache_mode`, as its ``Connection`` sets it.
enum PlanCacheMode: Sendable {
    /// PostgreSQL's default: plans made with the values until a generic one proves as good.
    case standard
    /// `force_generic_plan`, for generic statements (see ``StatementPlan/generic``).
    case forcedGeneric

    /// The statement that sets the mode.
    var setting: String {
        switch self {
        case .standard: "set plan_cache_mode to default"
        case .forcedGeneric: "set plan_cache_mode = force_generic_plan"
        }
    }
}
