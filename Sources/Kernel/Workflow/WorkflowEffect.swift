/// Something the database does when content enters a state, beyond the move itself: a
/// plugin's rule (the Translations plugin publishes approved translations when their
/// original is published). It runs in the statement that made the move, whoever made it
/// (direct SQL included), and what it writes is judged by the guards as that person's.
///
/// The database runs `micic_effect_NAME(tenant bigint, ids bigint[])` (dashes in the name as
/// underscores) with the rows that entered the state; the plugin's migrations define it, and
/// `micic migrate` refuses an effect whose function does not exist.
///
/// ```swift
/// WorkflowEffect("publish-translations", entering: .published)
/// ```
public struct WorkflowEffect: Sendable, Hashable {
    /// The states whose entering runs the effect.
    public enum States: Sendable, Hashable {
        /// The published states of every content type's workflow.
        case published
        /// One state of one workflow (`.state("approved", of: "translation")`).
        case state(String, of: String)
    }

    /// The effect's name, which names its function in the database.
    public let name: String
    /// When it runs.
    public let entering: States

    /// An effect.
    public init(_ name: String, entering: States) {
        self.name = name
        self.entering = entering
    }
}
