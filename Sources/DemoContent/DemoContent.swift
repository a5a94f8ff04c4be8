public import Kernel

/// A realistic demonstration data set for the MICIC site: three tenants and their
/// practices, events, news and capacity-building tools, in English and Spanish, some
/// published and some still drafts.
///
/// The practices, events and tools follow the Initiative's public record; summaries, bodies,
/// times of day, module titles and the practices beyond the public examples are
/// illustrative. Every item's fields are valid for its content type and its tenant's
/// languages.
public enum DemoContent {
    /// The headquarters and two country offices.
    public static let tenants: [Tenant] = [
        Tenant(
            code: "hq",
            name: "MICIC Secretariat (headquarters)",
            defaultLanguage: "en",
            languages: ["en", "es", "fr", "ar"]
        ),
        Tenant(code: "cr", name: "IOM Costa Rica", defaultLanguage: "es", languages: ["es", "en"]),
        Tenant(code: "ph", name: "Philippines country office", defaultLanguage: "en", languages: ["en", "fil"]),
    ]

    /// People with different roles in the offices (their password is their name, for
    /// trying the platform out only).
    /// Translations under way in Costa Rica: Sofía carries two Spanish practices into
    /// English, Luis reviews.
    public static let translations: [DemoTranslation] = [
        DemoTranslation(
            tenant: "cr",
            type: "practice",
            title: "Capacitación en línea para personal consular en Mesoamérica",
            languages: ["en"],
            translator: "sofia",
            reviewer: "luis",
            due: CalendarDate("2027-03-31")
        ),
        DemoTranslation(
            tenant: "cr",
            type: "practice",
            title: "Inclusión de personas migrantes en la gestión de emergencias",
            languages: ["en"],
            translator: "sofia",
            reviewer: "luis"
        ),
    ]

    public static let people: [DemoPerson] = [
        DemoPerson(name: "ana", displayName: "Ana Mora", tenant: "cr", role: .editor),
        DemoPerson(name: "luis", displayName: "Luis Vargas", tenant: "cr", role: .reviewer, languages: ["es", "en"]),
        DemoPerson(name: "sofia", displayName: "Sofía Rojas", tenant: "cr", role: .translator, languages: ["en"]),
        DemoPerson(name: "maria", displayName: "Maria Santos", tenant: "ph", role: .admin),
        DemoPerson(name: "jose", displayName: "Jose Reyes", tenant: "ph", role: .viewer),
        DemoPerson(name: "claire", displayName: "Claire Dubois", tenant: "hq", role: .translator, languages: ["fr"]),
    ]

    /// The Secretariat offers its Guidelines' practices and tools to every office, which may
    /// adopt them.
    public static let offers: [DemoOffer] = [
        DemoOffer(tenant: "hq", type: "practice"), DemoOffer(tenant: "hq", type: "tool"),
    ]

    /// Every item, practices first, then events, news and tools.
    public static let items: [DemoItem] = practices + events + news + tools

    /// The tenant with `code`.
    public static func tenant(_ code: String) -> Tenant? {
        tenants.first { $0.code == code }
    }
}
