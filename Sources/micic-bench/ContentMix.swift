import Foundation
import Kernel
import Postgres

/// A tenant's content as it builds up over years, as COPY rows for `items`: 45% practices,
/// 25% news, 20% events and 10% tools; a quarter drafts, 15% in review, 15% approved and
/// 45% published; two languages; updates spread over ten years.
enum ContentMix {
    /// The columns ``row(_:tenantID:)`` fills, in order.
    static let copyStatement: Query =
        "copy items (tenant_id, type, language, slug, title, status, fields, author, updated_at) from stdin"

    /// The `index`th item's columns in text format.
    static func row(_ index: Int, tenantID: Int64) throws -> [String?] {
        var random = BenchRandom(seed: UInt64(index) &* 0x9E37_79B9 &+ 0x5DEE_CE66)
        let kind = random.below(100)
        let type = kind < 45 ? "practice" : kind < 70 ? "news" : kind < 90 ? "event" : "tool"
        let stage = random.below(100)
        let status = stage < 25 ? "draft" : stage < 40 ? "in_review" : stage < 55 ? "approved" : "published"
        let language = random.chance(0.65) ? "es" : "en"
        let place = random.pick(places)
        let updated = Date(timeIntervalSince1970: 1_420_070_400 + Double(random.below(10 * 365 * 86_400)))
        let title: String
        let fields: [String: FieldValue]
        switch type {
        case "practice":
            title = PracticeSamples.title(index, language: language)
            fields = PracticeSamples.fields(index, language: language, bodyLength: random.inRange(800...1_600))
        case "news":
            title =
                language == "es" ? "\(random.pick(newsES)) en \(place.name)" : "\(random.pick(newsEN)) in \(place.name)"
            fields = news(&random, place: place, language: language, published: updated)
        case "event":
            title =
                language == "es"
                ? "\(random.pick(eventsES)) en \(place.name)" : "\(random.pick(eventsEN)) in \(place.name)"
            fields = event(&random, place: place, language: language, start: updated)
        default:
            title = language == "es" ? random.pick(toolsES) : random.pick(toolsEN)
            fields = tool(&random, language: language)
        }
        var base = String(Slug.make(from: title).prefix(60))
        while base.hasSuffix("-") { base.removeLast() }
        return [
            String(tenantID), type, language, base + "-\(index)", title, status, FieldValue.jsonText(of: fields),
            random.pick(authors), try updated.postgresText(),
        ]
    }

    private static func news(
        _ random: inout BenchRandom,
        place: (name: String, country: String),
        language: String,
        published: Date
    ) -> [String: FieldValue] {
        [
            "dateline_place": .text(place.name),
            "dateline_country": .text(place.country),
            "published_on": .text(String(try! published.postgresText()!.prefix(10))),
            "summary": .text(PracticeSamples.prose(&random, place: place.name, language: language, length: 150)),
            "body": .text(
                PracticeSamples.prose(
                    &random,
                    place: place.name,
                    language: language,
                    length: random.inRange(600...1_400)
                )
            ),
            "tags": .list(random.distinct(random.inRange(1...3), from: tags).map { .text($0) }),
            "guidelines": .list(random.distinct(random.inRange(0...2), from: guidelines).map { .text($0) }),
            "office": .text(language == "es" ? "OIM Costa Rica" : "IOM Costa Rica"),
        ]
    }

    private static func event(
        _ random: inout BenchRandom,
        place: (name: String, country: String),
        language: String,
        start: Date
    ) -> [String: FieldValue] {
        let end = start.addingTimeInterval(Double(random.inRange(1...16)) * 1_800)
        func instant(_ date: Date) -> FieldValue {
            let text = try! date.postgresText()!
            return .object([
                "utc": .text(String(text.prefix(10)) + "T" + String(text.dropFirst(11).prefix(8)) + "Z"),
                "zone": .text(place.country == "CR" ? "America/Costa_Rica" : "UTC"),
            ])
        }
        return [
            "body": .text(
                PracticeSamples.prose(&random, place: place.name, language: language, length: random.inRange(300...800))
            ),
            "start": instant(start),
            "end": instant(end),
            "all_day": .boolean(false),
            "place_name": .text(random.pick(venues)),
            "city": .text(place.name),
            "country": .text(place.country),
            "attendance": .text(random.pick(["in_person", "online", "mixed"])),
            "event_status": .text(random.chance(0.9) ? "scheduled" : random.pick(["postponed", "cancelled"])),
            "organiser": .text(language == "es" ? "OIM Costa Rica" : "IOM Costa Rica"),
            "guidelines": .list(random.distinct(random.inRange(1...3), from: guidelines).map { .text($0) }),
        ]
    }

    private static func tool(_ random: inout BenchRandom, language: String) -> [String: FieldValue] {
        let modules = (1...random.inRange(2...5)).map { number -> FieldValue in
            .object([
                "title": .text((language == "es" ? "Módulo " : "Module ") + String(number)),
                "duration": .text("PT\(random.inRange(1...3))H"),
            ])
        }
        return [
            "summary": .text(PracticeSamples.prose(&random, place: "Costa Rica", language: language, length: 150)),
            "body": .text(
                PracticeSamples.prose(
                    &random,
                    place: "Costa Rica",
                    language: language,
                    length: random.inRange(400...1_000)
                )
            ),
            "audiences": .list(
                random.distinct(
                    random.inRange(1...2),
                    from: ["home_country_institutions", "host_country_responders", "migrants"]
                ).map { .text($0) }
            ),
            "formats": .list(
                random.distinct(random.inRange(1...2), from: ["e_learning", "face_to_face", "toolkit", "manual"])
                    .map { .text($0) }
            ),
            "modules": .list(modules),
            "total_duration": .text("PT\(modules.count * 2)H"),
            "languages_available": .list([.text("es"), .text("en")]),
            "access_url": .text("https://www.iom.int/micic-training"),
            "certificate": .boolean(random.chance(0.5)),
            "guidelines": .list(random.distinct(random.inRange(1...4), from: guidelines).map { .text($0) }),
        ]
    }

    private static let guidelines = (1...15).map(String.init)

    private static let places: [(name: String, country: String)] = [
        ("San José", "CR"), ("Liberia", "CR"), ("Limón", "CR"), ("Upala", "CR"), ("Panamá", "PA"),
        ("Managua", "NI"), ("Ginebra", "CH"), ("Manila", "PH"), ("Ciudad de México", "MX"),
    ]

    private static let newsEN = [
        "Migrants included in the national emergency plan", "New consular hotline opens",
        "Training for first responders ends", "Shelters open their doors to stranded migrants",
        "Early warning messages now in five languages", "Report on returnees published",
    ]

    private static let newsES = [
        "Personas migrantes incluidas en el plan nacional de emergencias", "Abre nueva línea consular",
        "Finaliza la capacitación de socorristas", "Albergues abren sus puertas a migrantes varados",
        "Alertas tempranas ahora en cinco idiomas", "Se publica informe sobre personas retornadas",
    ]

    private static let eventsEN = [
        "MICIC regional workshop", "Roundtable on migrants in emergencies", "Training of trainers",
        "Consular coordination meeting", "Side event on the MICIC Guidelines",
    ]

    private static let eventsES = [
        "Taller regional MICIC", "Mesa redonda sobre migrantes en emergencias", "Formación de formadores",
        "Reunión de coordinación consular", "Evento paralelo sobre las Directrices MICIC",
    ]

    private static let toolsEN = [
        "MICIC e-learning course", "Guide for consular staff in crises", "Toolkit for local authorities",
        "Contingency planning template",
    ]

    private static let toolsES = [
        "Curso virtual MICIC", "Guía para personal consular en crisis", "Caja de herramientas para gobiernos locales",
        "Plantilla de plan de contingencia",
    ]

    private static let venues = [
        "Hotel Crowne Plaza", "Universidad de Costa Rica", "Casa Presidencial", "Online (Zoom)",
        "Centro de Convenciones",
    ]

    private static let tags = ["preparación", "emergencias", "consulados", "retorno", "capacitación", "albergues"]

    private static let authors = ["ana.mora", "jc.vargas", "liza.santos", "mj.rodriguez", "p.quesada", "r.solis"]
}
