public import Postgres

extension PublicReader {
    /// Makes ``localLoginRole`` a login role in ``role`` when it is missing, or grants it
    /// the role again: where `micic serve` reads on the local database.
    public static func ensureLocalLogin(on connection: isolated Connection) throws {
        let login = localLoginRole
        if try connection.query("select 1 from pg_roles where rolname = \(login)").isEmpty {
            try connection.execute("create role \(identifier: login) login in role \(identifier: role)")
        } else {
            try connection.execute("grant \(identifier: role) to \(identifier: login)")
        }
    }
}
