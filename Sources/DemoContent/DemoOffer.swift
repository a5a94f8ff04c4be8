/// What a demonstration tenant offers the others: its published items of a type.
public struct DemoOffer: Sendable {
    /// The offering tenant's code.
    public let tenant: String
    /// The content type offered.
    public let type: String
}
