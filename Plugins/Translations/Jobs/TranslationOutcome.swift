/// What became of one job in a bulk operation.
public enum TranslationOutcome: Sendable, Hashable {
    /// The job as it now is.
    case done(TranslationJob)
    /// The job (by id) was left as it was, and why.
    case failed(Int64, String)

    /// The job's id.
    public var jobID: Int64 {
        switch self {
        case .done(let job): job.id
        case .failed(let id, _): id
        }
    }
}
