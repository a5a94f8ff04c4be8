import Synchronization

/// What a shell said, on either stream, until it is taken.
final class Transcript: Sendable {
    private let said = Mutex("")

    func append(_ text: String) { said.withLock { $0 += text } }

    /// Everything said since the last time, forgotten.
    func take() -> String {
        said.withLock { text in
            defer { text = "" }
            return text
        }
    }
}
