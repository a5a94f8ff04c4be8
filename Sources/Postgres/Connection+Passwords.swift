internal import CLibPQ

extension Connection {
    /// Encrypts `password` for the role `user` on this side of the connection, with
    /// libpq's `PQencryptPasswordConn` and the `scram-sha-256` algorithm (named, so libpq
    /// neither asks the server for its `password_encryption` nor falls back to MD5).
    ///
    /// The result is a SCRAM verifier with a fresh random salt (two calls give two different
    /// texts), `SCRAM-SHA-256$<iterations>:<salt>$<stored key>:<server key>`, which
    /// `CREATE ROLE ... PASSWORD` stores as it is. Send it instead of the password, so the
    /// password never reaches the server, its logs or `pg_stat_activity`:
    ///
    /// ```swift
    /// let verifier = try connection.encryptPassword(password, user: "ana")
    /// try connection.execute("select micic_create_person('ana', \(verifier), 'Ana Mora')")
    /// ```
    ///
    /// - Parameters:
    ///   - password: the password in clear.
    ///   - user: the role's name (SCRAM ignores it, but libpq's API takes it).
    /// - Returns: the verifier, starting with `SCRAM-SHA-256$`.
    /// - Throws: ``PostgresError/Code/encoding`` with libpq's message (never the password)
    ///   when it cannot encrypt (out of memory, a text holding NUL), or
    ///   ``PostgresError/Code/connectionClosed``.
    public func encryptPassword(_ password: String, user: String) throws -> String {
        let handle = try openHandle()
        let password = try password.checkedForNUL()
        let user = try user.checkedForNUL()
        guard let encrypted = PQencryptPasswordConn(handle, password, user, "scram-sha-256") else {
            throw PostgresError(code: .encoding, message: "the password cannot be encrypted: \(errorMessage(handle))")
        }
        defer { PQfreemem(encrypted) }
        return String(cString: encrypted)
    }
}
