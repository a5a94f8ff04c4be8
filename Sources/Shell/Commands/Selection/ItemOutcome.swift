internal import Kernel

/// What one item of a verb over many came to.
enum ItemOutcome {
    case done(Item)
    case skipped(String)
    /// Removed for good (a purge): nothing is left to show.
    case purged
}
