internal import Kernel

extension TranslationJobQuery {
    /// The jobs `--language`, `--status` and `--source` select.
    /// - Throws: a usage error naming a state the translation workflow lacks, or a source
    ///   that is not an id.
    init(_ arguments: CommandArguments) throws {
        self.init(language: arguments.value("language"))
        statuses = arguments.list("status")
        for status in statuses where !Workflow.translation.states.contains(status) {
            throw CommandError.usage(
                "--status \(status): the states are " + Workflow.translation.states.joined(separator: ", ")
            )
        }
        if let source = arguments.value("source") {
            guard let id = Int64(source) else { throw CommandError.usage("--source needs an item id") }
            sourceID = id
        }
    }
}
