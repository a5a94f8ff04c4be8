/// Sends statements in pipeline mode; obtained from ``Connection/pipeline(window:_:)``,
/// valid only inside its closure.
public struct PipelineWriter: ~Copyable {
    /// Sends one statement and its synchronization point.
    private let transmit: (Query) throws -> Void
    /// Reads the answer to the oldest statement unanswered.
    private let receive: () -> Result<QueryResult, any Error>
    private let window: Int
    /// Statements sent whose answer was not read yet.
    private var pending = 0
    /// The results read so far, in order.
    private(set) var results: [QueryResult] = []
    /// The first error a statement answered with.
    private(set) var failure: (any Error)?

    init(
        window: Int,
        transmit: @escaping (Query) throws -> Void,
        receive: @escaping () -> Result<QueryResult, any Error>
    ) {
        self.window = window
        self.transmit = transmit
        self.receive = receive
    }

    /// Sends one statement (planned with its values, as ``StatementPlan/withValues``);
    /// first reads the oldest answer when `window` statements are unanswered.
    /// - Throws: an encoding error for a parameter, or a lost connection.
    public mutating func send(_ query: Query) throws {
        while pending >= window { readOne() }
        try transmit(query)
        pending += 1
    }

    /// Reads every answer still to come.
    mutating func drain() {
        while pending > 0 { readOne() }
    }

    private mutating func readOne() {
        pending -= 1
        switch receive() {
        case .success(let result): results.append(result)
        case .failure(let error): failure = failure ?? error
        }
    }
}
