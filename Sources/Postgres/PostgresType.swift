/// A PostgreSQL data type, identified by its OID.
///
/// Only built-in types have fixed OIDs; a parameter of type ``unknown`` lets the server infer
/// the type from the statement.
public struct PostgresType: Hashable, Sendable, CustomStringConvertible {
    /// The type's OID in `pg_type`.
    public let oid: UInt32

    /// Wraps an OID.
    public init(oid: UInt32) {
        self.oid = oid
    }

    public static let unknown = PostgresType(oid: 0)
    public static let bool = PostgresType(oid: 16)
    public static let bytea = PostgresType(oid: 17)
    public static let name = PostgresType(oid: 19)
    public static let int8 = PostgresType(oid: 20)
    public static let int2 = PostgresType(oid: 21)
    public static let int4 = PostgresType(oid: 23)
    public static let text = PostgresType(oid: 25)
    public static let oidType = PostgresType(oid: 26)
    public static let json = PostgresType(oid: 114)
    public static let float4 = PostgresType(oid: 700)
    public static let float8 = PostgresType(oid: 701)
    public static let unknownLiteral = PostgresType(oid: 705)
    public static let bpchar = PostgresType(oid: 1042)
    public static let varchar = PostgresType(oid: 1043)
    public static let date = PostgresType(oid: 1082)
    public static let timestamp = PostgresType(oid: 1114)
    public static let timestamptz = PostgresType(oid: 1184)
    public static let numeric = PostgresType(oid: 1700)
    public static let uuid = PostgresType(oid: 2950)
    public static let jsonb = PostgresType(oid: 3802)
    public static let boolArray = PostgresType(oid: 1000)
    public static let int2Array = PostgresType(oid: 1005)
    public static let int4Array = PostgresType(oid: 1007)
    public static let textArray = PostgresType(oid: 1009)
    public static let varcharArray = PostgresType(oid: 1015)
    public static let int8Array = PostgresType(oid: 1016)
    public static let uuidArray = PostgresType(oid: 2951)
    public static let regconfig = PostgresType(oid: 3734)

    public var description: String {
        Self.names[oid] ?? "oid \(oid)"
    }

    private static let names: [UInt32: String] = [
        0: "unknown", 16: "boolean", 17: "bytea", 19: "name", 20: "bigint", 21: "smallint", 23: "integer",
        25: "text", 26: "oid", 114: "json", 700: "real", 701: "double precision", 705: "unknown",
        1042: "character", 1043: "character varying", 1082: "date", 1114: "timestamp",
        1184: "timestamp with time zone", 1700: "numeric", 2950: "uuid", 3802: "jsonb", 1000: "boolean[]",
        1005: "smallint[]", 1007: "integer[]", 1009: "text[]", 1015: "character varying[]",
        1016: "bigint[]", 2951: "uuid[]", 3734: "regconfig",
    ]
}
