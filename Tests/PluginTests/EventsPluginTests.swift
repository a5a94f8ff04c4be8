import Events
import Kernel
import Testing

/// The event type's rejections, and its end-after-start rule.
@Suite struct EventsPluginTests {
    let type = EventsPlugin.event

    func fields(start: String, end: String, zone: String = "America/Costa_Rica") throws -> [String: FieldValue] {
        [
            "start": try #require(ZonedDateTime.value(local: start, zone: zone)),
            "end": try #require(ZonedDateTime.value(local: end, zone: zone)),
            "attendance": .text("in_person"),
            "event_status": .text("scheduled"),
        ]
    }

    @Test func anEventEndingAfterItStartsIsValid() throws {
        let values = try fields(start: "2017-02-01T08:30", end: "2017-02-02T17:00")
        #expect(type.validate(title: "Taller regional", fields: values, languages: ["es", "en"]).isEmpty)
    }

    @Test func anEventEndingWhenItStartsIsValid() throws {
        let values = try fields(start: "2017-02-01T08:30", end: "2017-02-01T08:30")
        #expect(type.validate(title: "Taller regional", fields: values, languages: ["es"]).isEmpty)
    }

    @Test func anEventEndingBeforeItStartsIsReportedOnEnd() throws {
        let values = try fields(start: "2017-12-06T18:00", end: "2017-12-04T09:00", zone: "America/Mexico_City")
        let issues = type.validate(title: "Side event", fields: values, languages: ["en"])
        #expect(issues.map(\.field) == ["end"])
        #expect(issues.first?.message.contains("2017-12-07T00:00:00Z") == true)
    }

    @Test func theRuleComparesInstantsAcrossZones() throws {
        // 22:00 in Manila (14:00 UTC) comes before 09:00 in Costa Rica (15:00 UTC) the same day.
        var values = try fields(start: "2017-09-17T09:00", end: "2017-09-17T09:00")
        let end = try #require(ZonedDateTime.value(local: "2017-09-17T22:00", zone: "Asia/Manila"))
        values["end"] = end
        #expect(type.validate(title: "Roundtable", fields: values, languages: ["en"]).map(\.field) == ["end"])
    }

    @Test func unknownAttendanceStatusAndZoneAreReported() throws {
        var values = try fields(start: "2017-02-01T08:30", end: "2017-02-02T17:00")
        values["attendance"] = .text("hybrid")
        values["event_status"] = .text("canceled")
        values["start"] = .object(["utc": .text("2017-02-01T14:30:00Z"), "zone": .text("Mars/Olympus_Mons")])
        let issues = type.validate(title: "Taller regional", fields: values, languages: ["es"])
        #expect(Set(issues.map(\.field)) == ["attendance", "event_status", "start"])
        #expect(issues.contains { $0.field == "event_status" && $0.message.contains("cancelled") })
    }

    @Test func startEndAttendanceAndStatusAreRequired() {
        let issues = type.validate(title: "An event", fields: [:], languages: ["en"])
        #expect(Set(issues.map(\.field)) == ["start", "end", "attendance", "event_status"])
    }
}
