/// A command that could not run: what went wrong and what to do. ``isUsage`` marks mistakes
/// in the command itself (unknown names, flags, missing arguments), which exit with 2.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let isUsage: Bool
    /// Whether part of a bulk operation succeeded (exit 3).
    public let isPartial: Bool

    public init(_ message: String, usage: Bool = false, partial: Bool = false) {
        self.message = message
        isUsage = usage
        isPartial = partial
    }

    public var description: String { message }

    /// A mistake in the command itself (exit 2).
    public static func usage(_ message: String) -> CommandError { CommandError(message, usage: true) }
}
