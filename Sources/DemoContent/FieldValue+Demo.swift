import Kernel

/// Shorthands for writing the demonstration data.
extension FieldValue {
    /// A list of texts or codes.
    static func texts(_ values: String...) -> FieldValue {
        .list(values.map { .text($0) })
    }

    /// A `.dateTime` value for a wall-clock time (`2017-12-04T09:00`) in an IANA zone; null
    /// when either is invalid, which validation then reports.
    static func local(_ time: String, in zone: String) -> FieldValue {
        ZonedDateTime.value(local: time, zone: zone) ?? .null
    }
}
