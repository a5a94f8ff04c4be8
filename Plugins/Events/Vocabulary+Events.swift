public import Kernel

/// The vocabularies of events: how people attend and whether the event goes ahead.
extension Vocabulary {
    /// How people attend an event.
    public static let eventAttendance = Vocabulary(
        name: "attendance mode",
        terms: [
            Term(code: "in_person", label: "In person"),
            Term(code: "online", label: "Online"),
            Term(code: "mixed", label: "In person and online"),
        ]
    )

    /// Whether an event goes ahead as planned.
    public static let eventStatuses = Vocabulary(
        name: "event status",
        terms: [
            Term(code: "scheduled", label: "Scheduled"),
            Term(code: "postponed", label: "Postponed"),
            Term(code: "cancelled", label: "Cancelled"),
        ]
    )
}
