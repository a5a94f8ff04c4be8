/// A five-character SQLSTATE code reported by PostgreSQL.
///
/// The set of named codes is open: any code the server sends is representable, and the
/// constants below name the ones the platform reacts to.
///
/// ```swift
/// catch let error as PostgresError where error.sqlState == .uniqueViolation { ... }
/// ```
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    /// The five-character code, for example `23505`.
    public let code: String

    /// Wraps a code as the server sent it.
    public init(_ code: String) {
        self.code = code
    }

    /// The condition name from the PostgreSQL manual when the code is a named one here.
    public var name: String? { Self.names[code] }

    public var description: String {
        if let name { return "\(code) (\(name))" }
        return code
    }

    public static let successfulCompletion = SQLState("00000")
    public static let connectionException = SQLState("08000")
    public static let connectionFailure = SQLState("08006")
    public static let featureNotSupported = SQLState("0A000")
    public static let stringDataRightTruncation = SQLState("22001")
    public static let numericValueOutOfRange = SQLState("22003")
    public static let invalidDatetimeFormat = SQLState("22007")
    public static let datetimeFieldOverflow = SQLState("22008")
    public static let characterNotInRepertoire = SQLState("22021")
    public static let untranslatableCharacter = SQLState("22P05")
    public static let invalidTextRepresentation = SQLState("22P02")
    public static let badCopyFileFormat = SQLState("22P04")
    public static let invalidParameterValue = SQLState("22023")
    public static let integrityConstraintViolation = SQLState("23000")
    public static let restrictViolation = SQLState("23001")
    public static let notNullViolation = SQLState("23502")
    public static let foreignKeyViolation = SQLState("23503")
    public static let uniqueViolation = SQLState("23505")
    public static let checkViolation = SQLState("23514")
    public static let exclusionViolation = SQLState("23P01")
    public static let activeSQLTransaction = SQLState("25001")
    public static let readOnlySQLTransaction = SQLState("25006")
    public static let inFailedSQLTransaction = SQLState("25P02")
    public static let invalidAuthorizationSpecification = SQLState("28000")
    public static let invalidPassword = SQLState("28P01")
    public static let serializationFailure = SQLState("40001")
    public static let deadlockDetected = SQLState("40P01")
    public static let syntaxError = SQLState("42601")
    public static let insufficientPrivilege = SQLState("42501")
    public static let undefinedColumn = SQLState("42703")
    public static let undefinedFunction = SQLState("42883")
    public static let undefinedTable = SQLState("42P01")
    public static let undefinedObject = SQLState("42704")
    public static let duplicateObject = SQLState("42710")
    public static let duplicateTable = SQLState("42P07")
    public static let duplicateDatabase = SQLState("42P04")
    public static let invalidCatalogName = SQLState("3D000")
    public static let lockNotAvailable = SQLState("55P03")
    public static let objectInUse = SQLState("55006")
    public static let queryCanceled = SQLState("57014")
    public static let adminShutdown = SQLState("57P01")
    public static let crashShutdown = SQLState("57P02")
    public static let cannotConnectNow = SQLState("57P03")
    public static let raiseException = SQLState("P0001")
    public static let internalError = SQLState("XX000")

    private static let names: [String: String] = [
        "00000": "successful_completion", "08000": "connection_exception", "08006": "connection_failure",
        "0A000": "feature_not_supported", "22001": "string_data_right_truncation",
        "22003": "numeric_value_out_of_range", "22007": "invalid_datetime_format",
        "22008": "datetime_field_overflow", "22021": "character_not_in_repertoire",
        "22P05": "untranslatable_character", "22P02": "invalid_text_representation",
        "22P04": "bad_copy_file_format", "22023": "invalid_parameter_value",
        "23000": "integrity_constraint_violation", "23001": "restrict_violation",
        "23502": "not_null_violation", "23503": "foreign_key_violation", "23505": "unique_violation",
        "23514": "check_violation", "23P01": "exclusion_violation", "25000": "invalid_transaction_state",
        "25001": "active_sql_transaction", "25006": "read_only_sql_transaction",
        "25P02": "in_failed_sql_transaction", "28000": "invalid_authorization_specification",
        "28P01": "invalid_password", "40001": "serialization_failure", "40P01": "deadlock_detected",
        "42601": "syntax_error", "42501": "insufficient_privilege", "42703": "undefined_column",
        "42883": "undefined_function", "42P01": "undefined_table", "42704": "undefined_object",
        "42710": "duplicate_object", "42P07": "duplicate_table", "42P04": "duplicate_database",
        "3D000": "invalid_catalog_name", "55P03": "lock_not_available", "55006": "object_in_use",
        "57014": "query_canceled", "57P01": "admin_shutdown", "57P02": "crash_shutdown",
        "57P03": "cannot_connect_now", "P0001": "raise_exception", "XX000": "internal_error",
    ]
}
