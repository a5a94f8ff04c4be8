internal import Kernel

/// `begin`, `commit` and `rollback`: a transaction later commands share.
struct TransactionCommand: ShellCommand {
    let step: Step

    /// What happens to the transaction.
    enum Step: String, CaseIterable {
        case begin
        case commit
        case rollback
    }

    var spec: CommandSpec {
        switch step {
        case .begin:
            CommandSpec(
                noun: nil,
                verb: "begin",
                summary: "open a transaction; later commands commit or roll back together"
            )
        case .commit: CommandSpec(noun: nil, verb: "commit", summary: "commit the open transaction")
        case .rollback: CommandSpec(noun: nil, verb: "rollback", summary: "undo everything since begin")
        }
    }

    func run(_ invocation: Invocation) async throws -> Records {
        let backend = invocation.shell.backend
        let open = await backend.inTransaction()
        switch step {
        case .begin:
            guard !open else { throw CommandError("a transaction is already open: commit or rollback first") }
            try await backend.begin()
            invocation.note("transaction open: commit or rollback")
        case .commit:
            guard open else { throw CommandError("no transaction is open (begin opens one)") }
            try await backend.commit()
        case .rollback:
            guard open else { throw CommandError("no transaction is open (begin opens one)") }
            try await backend.rollback()
            invocation.note("rolled back")
        }
        return .none
    }
}
