import Kernel

/// The demonstration events, with times in the zone of the place they happen in. Events
/// known only by their dates are all-day events, from midnight on the first day to 23:59 on
/// the last.
extension DemoContent {
    static let events: [DemoItem] = [
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "event",
                title:
                    "One Year of Implementation of the MICIC Initiative: How Can Lessons Learnt Inform the Global "
                    + "Compacts?",
                language: "en",
                fields: [
                    "body": .text(
                        """
                        A side event at the stocktaking meeting for the Global Compact for Migration: states \
                        and partners look back on the first year of implementation of the MICIC Guidelines \
                        and on what the lessons learnt can bring to the global compacts.
                        """
                    ),
                    "start": .local("2017-12-04T00:00", in: "America/Mexico_City"),
                    "end": .local("2017-12-06T23:59", in: "America/Mexico_City"),
                    "all_day": .boolean(true),
                    "place_name": .text("Stocktaking meeting for the Global Compact for Migration"),
                    "city": .text("Puerto Vallarta"),
                    "country": .text("MX"),
                    "attendance": .text("in_person"),
                    "event_status": .text("scheduled"),
                    "organiser": .text("MICIC Secretariat"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "event",
                title: "Workshop on migrants in countries in crisis in Baku",
                language: "en",
                fields: [
                    "body": .text(
                        """
                        A two-day workshop for 23 participants on the MICIC Guidelines: tracking crises and \
                        their impact on migrants, contingency planning, coordination and assistance to \
                        nationals abroad.
                        """
                    ),
                    "start": .local("2018-11-29T09:00", in: "Asia/Baku"),
                    "end": .local("2018-11-30T17:00", in: "Asia/Baku"),
                    "all_day": .boolean(false),
                    "city": .text("Baku"),
                    "country": .text("AZ"),
                    "attendance": .text("in_person"),
                    "event_status": .text("scheduled"),
                    "organiser": .text("MICIC Secretariat"),
                    "guidelines": .texts("1", "5", "7", "8"),
                ]
            ),
            published: false
        ),
        DemoItem(
            tenant: "ph",
            draft: ItemDraft(
                type: "event",
                title: "Regional roundtable on migrants in countries in crisis with ASEAN delegations",
                language: "en",
                fields: [
                    "body": .text(
                        """
                        Delegations from five ASEAN member states share how they prepare for and respond \
                        to crises affecting their nationals abroad and the migrants they host.
                        """
                    ),
                    "start": .local("2017-09-18T09:00", in: "Asia/Manila"),
                    "end": .local("2017-09-20T17:00", in: "Asia/Manila"),
                    "all_day": .boolean(false),
                    "city": .text("Manila"),
                    "country": .text("PH"),
                    "attendance": .text("in_person"),
                    "event_status": .text("scheduled"),
                    "organiser": .text("Philippines country office"),
                    "guidelines": .texts("7", "8"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "event",
                title: "MICIC in Mesoamerica: side event at the Global Conference on Cities and Migration",
                language: "en",
                fields: [
                    "body": .text(
                        """
                        The IOM office in Costa Rica presents how the MICIC Guidelines are being put into \
                        practice in Mesoamerica, and the role cities play in protecting migrants when \
                        crises strike.
                        """
                    ),
                    "start": .local("2017-11-16T00:00", in: "Europe/Brussels"),
                    "end": .local("2017-11-17T23:59", in: "Europe/Brussels"),
                    "all_day": .boolean(true),
                    "place_name": .text("Global Conference on Cities and Migration"),
                    "city": .text("Mechelen"),
                    "country": .text("BE"),
                    "attendance": .text("in_person"),
                    "event_status": .text("scheduled"),
                    "organiser": .text("IOM Costa Rica"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "event",
                title: "Taller regional sobre la protección de nacionales en el exterior afectados por crisis",
                language: "es",
                fields: [
                    "body": .text(
                        """
                        Un taller regional, en español, para las cancillerías de la región sobre cómo \
                        prepararse para asistir y proteger a sus nacionales en el exterior cuando un \
                        conflicto o un desastre natural los afecta.
                        """
                    ),
                    "start": .local("2017-02-01T08:30", in: "America/Costa_Rica"),
                    "end": .local("2017-02-02T17:00", in: "America/Costa_Rica"),
                    "all_day": .boolean(false),
                    "city": .text("San José"),
                    "country": .text("CR"),
                    "attendance": .text("in_person"),
                    "event_status": .text("scheduled"),
                    "organiser": .text("OIM Costa Rica"),
                    "guidelines": .texts("7", "8", "9"),
                ]
            ),
            published: true
        ),
    ]
}
