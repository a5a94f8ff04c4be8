import Foundation
public import Kernel

/// Events: workshops, side events and roundtables, with their dates in the time zone of the
/// place they happen in.
public struct EventsPlugin: Plugin {
    /// The plugin.
    public init() {}

    /// `events`.
    public var name: String { "events" }

    /// `events`: indexes for date-range filters, under `Schema/events`.
    public var schemaFolder: String? { "events" }

    /// The `event` type.
    public var contentTypes: [ContentType] { [Self.event] }

    /// Attendance modes and event statuses.
    public var vocabularies: [Vocabulary] { [.eventAttendance, .eventStatuses] }

    /// An event: when and where it happens, how people attend, who organises it and which
    /// guidelines it concerns. Its end may not come before its start.
    public static let event = ContentType(
        name: "event",
        plural: "events",
        label: "Event",
        fields: [
            FieldSpec("body", .markdown(maxLength: nil), label: "Description"),
            FieldSpec("start", .dateTime, required: true, shared: true),
            FieldSpec("end", .dateTime, required: true, shared: true),
            FieldSpec("all_day", .boolean, shared: true),
            FieldSpec("place_name", .text(maxLength: 200), label: "Venue"),
            FieldSpec("city", .text(maxLength: 120)),
            FieldSpec("country", .country, shared: true),
            FieldSpec("attendance", .choice(.eventAttendance), required: true, shared: true),
            FieldSpec(
                "event_status",
                .choice(.eventStatuses),
                required: true,
                shared: true,
                label: "Status",
                filter: "event-status"
            ),
            FieldSpec("organiser", .text(maxLength: 200)),
            FieldSpec("partners", .list(.text(maxLength: 200))),
            FieldSpec("registration_url", .url, shared: true, label: "Registration URL"),
            FieldSpec("guidelines", .list(.choice(.guidelines)), shared: true, filter: "guideline"),
        ],
        rules: [{ endNotBeforeStart($0) }]
    )

    /// An issue on `end` when the event ends before it starts.
    static func endNotBeforeStart(_ fields: [String: FieldValue]) -> [ValidationIssue] {
        guard let startValue = fields["start"], let endValue = fields["end"],
            let start = ZonedDateTime.instant(of: startValue), let end = ZonedDateTime.instant(of: endValue)
        else { return [] }
        guard end < start else { return [] }
        let message =
            "is before the start (the event starts at \(ZonedDateTime.utcText(start)) "
            + "and ends at \(ZonedDateTime.utcText(end)))"
        return [ValidationIssue(field: "end", message: message)]
    }
}
