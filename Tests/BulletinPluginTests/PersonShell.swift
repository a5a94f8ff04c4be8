import Kernel
import Shell
import Store

/// The shell's backend for one person over their own database connection: what they may do
/// is what the Kernel and then the database let them (no transactions or raw SQL here).
struct PersonShell: ShellBackend {
    let store: any ContentStore
    let user: String
    let tenant: Tenant

    func tenants() async throws -> [Tenant] { [tenant] }
    func begin() async throws { throw CommandError("no transactions in these tests") }
    func commit() async throws { throw CommandError("no transactions in these tests") }
    func rollback() async throws { throw CommandError("no transactions in these tests") }
    func inTransaction() async -> Bool { false }
    func dryRun<Value>(_ body: () async throws -> Value) async throws -> Value {
        throw CommandError("no dry runs in these tests")
    }
    func sql(_ text: String) async throws -> Table { throw CommandError("no SQL in these tests") }
    func cancel() {}
}
