public import Foundation

/// Date-times with a time zone, as `.dateTime` fields keep them.
public enum ZonedDateTime {
    /// The field value for a wall-clock time (`2017-12-04T09:00` or with seconds) in an
    /// IANA zone: `{"utc": "...Z", "zone": "..."}`; `nil` when either part is invalid.
    public static func value(local: String, zone: String) -> FieldValue? {
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        for format in [
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd",
        ] {
            formatter.dateFormat = format
            if let date = formatter.date(from: local) {
                return .object(["utc": .text(utcText(date)), "zone": .text(zone)])
            }
        }
        return nil
    }

    /// The instant of a `…Z` text.
    public static func instant(from text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// The instant of a `.dateTime` field value.
    public static func instant(of value: FieldValue) -> Date? {
        guard case .object(let parts) = value, let text = parts["utc"]?.textValue else { return nil }
        return instant(from: text)
    }

    /// `2017-12-04T15:00:00Z`.
    public static func utcText(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
