internal import Kernel

/// The generic verbs every content type has: its workflow's transitions, then list, show,
/// create, update, delete, restore, purge, history, diff, revert, offer and adopt.
enum ContentCommands {
    static func all(for type: ContentType) -> [any Command] {
        type.workflow.transitions.map { TransitionCommand(type: type, transition: $0) } + [
            ListCommand(type: type), ShowCommand(type: type), CreateCommand(type: type), UpdateCommand(type: type),
            TrashCommand(type: type, action: .delete), TrashCommand(type: type, action: .restore),
            TrashCommand(type: type, action: .purge), HistoryCommand(type: type), DiffCommand(type: type),
            RevertCommand(type: type), OfferCommand(type: type), AdoptCommand(type: type),
        ]
    }
}
