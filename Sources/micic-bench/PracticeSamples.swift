import Kernel

/// Realistic practices for the `practice` type: unique titles, bodies of a chosen length
/// in the item's language, and vocabulary fields drawn so that about 55% of practices cover
/// preparedness and about 20% concern Costa Rica.
enum PracticeSamples {
    /// How many different titles there are (activity × audience × place × year).
    static let titleCount = activities.count * audiences.count * places.count * years.count

    /// The `index`th title (unique for `index < titleCount`) in `language` (`es` or `en`).
    static func title(_ index: Int, language: String) -> String {
        // Scatter consecutive indexes over every part (the stride is prime to the count).
        var rest = (index &* 7_919) % titleCount
        let activity = rest % activities.count
        rest /= activities.count
        let audience = rest % audiences.count
        rest /= audiences.count
        let place = rest % places.count
        let year = years[rest / places.count]
        return language == "es"
            ? "\(activities[activity].es) \(audiences[audience].es) en \(places[place].name), \(year)"
            : "\(activities[activity].en) \(audiences[audience].en) in \(places[place].name), \(year)"
    }

    /// The fields of the `index`th practice, with a body of at least `bodyLength` characters.
    static func fields(_ index: Int, language: String, bodyLength: Int) -> [String: FieldValue] {
        var random = BenchRandom(seed: UInt64(index) &* 0x2545_F491_4F6C_DD1D &+ 17)
        let place = places[(index &* 7_919) % titleCount / (activities.count * audiences.count) % places.count]
        var phases: [String] = []
        if random.chance(0.55) { phases.append("preparedness") }
        if random.chance(0.4) { phases.append("emergency_response") }
        if random.chance(0.35) { phases.append("post_crisis") }
        if phases.isEmpty { phases.append(random.chance(0.5) ? "emergency_response" : "post_crisis") }
        var countries: [String] = []
        if random.chance(0.2) { countries.append("CR") }
        if place.country != "CR" { countries.append(place.country) }
        countries += random.distinct(random.below(3), from: otherCountries).filter { !countries.contains($0) }
        if countries.isEmpty { countries.append(random.pick(otherCountries)) }
        let guidelines = random.distinct(random.inRange(1...3), from: (1...15).map(String.init))
        let stakeholders = random.distinct(random.inRange(1...3), from: stakeholderNames)
        var fields: [String: FieldValue] = [
            "summary": .text(summary(&random, place: place.name, language: language)),
            "body": .text(prose(&random, place: place.name, language: language, length: bodyLength)),
            "guidelines": list(guidelines),
            "phases": list(phases),
            "crisis_types": list(random.distinct(random.inRange(1...2), from: ["natural_disaster", "conflict"])),
            "practice_types": list(random.distinct(random.inRange(1...2), from: practiceTypes)),
            "countries": list(countries),
            "stakeholders": list(stakeholders),
            "stakeholder_types": list(random.distinct(random.inRange(1...2), from: stakeholderTypes)),
            "consent_to_publish": .boolean(random.chance(0.9)),
        ]
        if random.chance(0.6) {
            fields["related_links"] = list(
                random.distinct(random.inRange(1...2), from: links).map { $0 + "?ref=\(index)" }
            )
        }
        if random.chance(0.3) {
            fields["submitter_contact"] = .text(random.pick(contacts))
        }
        return fields
    }

    private static func list(_ texts: [String]) -> FieldValue {
        .list(texts.map { .text($0) })
    }

    private static func summary(_ random: inout BenchRandom, place: String, language: String) -> String {
        let template = language == "es" ? random.pick(summariesES) : random.pick(summariesEN)
        return template.replacing("{place}", with: place)
    }

    /// Paragraphs of sentences about migrants in crises, now and then a short list, until
    /// `length` characters.
    static func prose(_ random: inout BenchRandom, place: String, language: String, length: Int) -> String {
        let sentences = language == "es" ? sentencesES : sentencesEN
        var text = ""
        text.reserveCapacity(length + 400)
        var inParagraph = 0
        while text.count < length {
            if inParagraph >= random.inRange(3...5) {
                text += "\n\n"
                inParagraph = 0
                if random.chance(0.25) {
                    for _ in 0..<random.inRange(2...4) { text += "- " + random.pick(bullets(language)) + "\n" }
                    text += "\n"
                }
            } else if inParagraph > 0 {
                text += " "
            }
            text += random.pick(sentences).replacing("{place}", with: place)
            inParagraph += 1
        }
        return text
    }

    private static func bullets(_ language: String) -> [String] {
        language == "es" ? bulletsES : bulletsEN
    }

    private static let activities: [(en: String, es: String)] = [
        ("Evacuation drills", "Simulacros de evacuación"),
        ("Consular contingency plan", "Plan consular de emergencia"),
        ("Multilingual alerts", "Alertas multilingües"),
        ("Emergency hotline", "Línea de emergencia"),
        ("Preparedness workshops", "Talleres de preparación"),
        ("Registration drive", "Campaña de registro"),
        ("Shelter access", "Acceso a albergues"),
        ("Reintegration support", "Apoyo a la reintegración"),
        ("Responder training", "Capacitación de socorristas"),
        ("Information kiosks", "Puntos de información"),
        ("Psychosocial support", "Apoyo psicosocial"),
        ("Cash assistance", "Asistencia en efectivo"),
        ("Community mapping", "Mapeo comunitario"),
        ("Coordination roundtable", "Mesa de coordinación"),
        ("Family tracing", "Búsqueda de familiares"),
        ("Legal aid clinics", "Clínicas de asistencia legal"),
        ("Translated hazard maps", "Mapas de riesgo traducidos"),
        ("Labour migrant desk", "Ventanilla para trabajadores"),
        ("School outreach", "Programa escolar"),
        ("Radio messages", "Mensajes radiales"),
    ]

    private static let audiences: [(en: String, es: String)] = [
        ("for migrant workers", "para trabajadores migrantes"),
        ("for Nicaraguan migrants", "para migrantes nicaragüenses"),
        ("for domestic workers", "para trabajadoras domésticas"),
        ("for farm workers", "para trabajadores agrícolas"),
        ("for asylum seekers", "para solicitantes de asilo"),
        ("for migrant children", "para niñez migrante"),
        ("for foreign residents", "para residentes extranjeros"),
        ("for stranded migrants", "para migrantes varados"),
        ("for migrants in transit", "para migrantes en tránsito"),
        ("for fishing crews", "para tripulaciones pesqueras"),
    ]

    private static let places: [(name: String, country: String)] = [
        ("Guanacaste", "CR"), ("San José", "CR"), ("Limón", "CR"), ("Puntarenas", "CR"), ("Upala", "CR"),
        ("Los Chiles", "CR"), ("Manila", "PH"), ("Cebu", "PH"), ("Tokyo", "JP"), ("Beirut", "LB"),
        ("Tripoli", "LY"), ("Kathmandu", "NP"), ("Bangkok", "TH"), ("Tapachula", "MX"), ("Panamá", "PA"),
        ("San Salvador", "SV"), ("Tegucigalpa", "HN"), ("Guatemala", "GT"), ("Santo Domingo", "DO"),
        ("Jacmel", "HT"), ("Quito", "EC"), ("Lima", "PE"), ("Managua", "NI"), ("Accra", "GH"),
        ("Jakarta", "ID"),
    ]

    private static let years = Array(2011...2022)

    private static let otherCountries = [
        "PH", "NI", "PA", "MX", "GT", "HN", "SV", "US", "JP", "TH", "LB", "LY", "GH", "NP", "ID", "ES", "IT",
        "DO", "HT", "CO", "VE", "EC", "PE", "global",
    ]

    private static let practiceTypes = [
        "assistance_program", "research_and_reports", "education_and_orientation", "website",
        "mobile_and_internet_technology", "training_and_capacity_building", "government_body",
        "early_warning_system",
    ]

    private static let stakeholderTypes = [
        "host_state", "state_of_origin", "state_of_transit", "international_organization", "private_sector",
        "civil_society",
    ]

    private static let stakeholderNames = [
        "IOM", "UNHCR", "Comisión Nacional de Emergencias", "Dirección General de Migración y Extranjería",
        "Cruz Roja Costarricense", "Ministry of Foreign Affairs", "Consulate of Nicaragua in San José",
        "Municipalidad de Upala", "Philippine Overseas Employment Administration", "Caritas",
        "Red Cross Red Crescent", "Chamber of Commerce", "Mie Prefecture", "Hyogo International Association",
        "Jesuit Service for Migrants", "Ministerio de Trabajo",
    ]

    private static let links = [
        "https://micicinitiative.iom.int/guidelines", "https://www.iom.int/migrants-countries-crisis",
        "https://www.cne.go.cr/preparativos", "https://www.migracion.go.cr/Paginas/Centro-de-Documentacion.aspx",
        "https://www.dfa.gov.ph/overseas-filipinos", "https://reliefweb.int/report/world/migrants-crisis",
    ]

    private static let contacts = [
        "María José Rodríguez, mjrodriguez@example.org, +506 2222 0000",
        "Juan Carlos Vargas (coordinator), jcvargas@example.org",
        "Ana Lucía Mora, Cruz Roja, amora@example.org", "Liza Santos, lsantos@example.ph, +63 2 8555 0101",
    ]

    private static let summariesEN = [
        "How the office in {place} helps migrants prepare for hurricanes, floods and earthquakes before they strike.",
        "A response that reached migrants in {place} who were left out of national emergency assistance.",
        "Local authorities and civil society in {place} coordinate to include migrants in crisis plans.",
        "Migrants in {place} receive timely, translated information on hazards, shelters and consular help.",
        "Support for migrants returning home from {place} after the crisis, from arrival to reintegration.",
    ]

    private static let summariesES = [
        "Cómo la oficina en {place} ayuda a las personas migrantes a prepararse ante huracanes, inundaciones y sismos.",
        "Una respuesta que llegó a migrantes en {place} que habían quedado fuera de la asistencia nacional.",
        "Autoridades locales y sociedad civil de {place} se coordinan para incluir a migrantes en los planes de crisis.",
        "Las personas migrantes en {place} reciben información traducida y oportuna sobre riesgos y albergues.",
        "Apoyo a migrantes que regresan desde {place} después de la crisis, desde la llegada hasta la reintegración.",
    ]

    private static let sentencesEN = [
        "Many migrants in {place} work in agriculture, construction or domestic service and rarely receive official warnings in a language they understand.",
        "The programme trained municipal staff, community leaders and volunteers to reach migrant households before the rainy season.",
        "Evacuation routes and shelter locations were translated and shared through radio, text messages and messaging groups.",
        "Consulates kept updated lists of their nationals and agreed in advance how to contact them when a crisis begins.",
        "During the emergency, migrants without documents were assured that seeking shelter would not lead to detention or deportation.",
        "Mobile teams visited farms and informal settlements to register people who had not been counted in the census.",
        "Partners met every month to review contact lists, stock of supplies and the roles of each institution.",
        "After the crisis, returnees received help to find work, recover documents and enrol their children in school.",
        "The experience showed that trusted community organizations are often the fastest channel to reach migrants.",
        "An evaluation found that families who took part in the drills evacuated earlier and lost fewer belongings.",
        "Employers were encouraged to include their foreign workers in workplace emergency plans and to share alerts.",
        "Information sessions explained how to call emergency services, what to pack and where to find medical care.",
        "The practice implements the MICIC Guidelines on information sharing, emergency response and post-crisis action.",
        "Data on the number and location of migrants was collected with their consent and kept confidential.",
        "Interpreters accompanied emergency responders so that injured migrants could describe their needs.",
        "Local radio stations broadcast messages in Spanish, English, Miskito and Tagalog during the storm.",
    ]

    private static let sentencesES = [
        "Muchas personas migrantes en {place} trabajan en la agricultura, la construcción o el servicio doméstico y rara vez reciben alertas oficiales en un idioma que comprendan.",
        "El programa capacitó a personal municipal, líderes comunitarios y voluntarios para llegar a los hogares migrantes antes de la temporada de lluvias.",
        "Las rutas de evacuación y la ubicación de los albergues se tradujeron y se difundieron por radio, mensajes de texto y grupos de mensajería.",
        "Los consulados mantuvieron listas actualizadas de sus nacionales y acordaron de antemano cómo contactarlos al inicio de una crisis.",
        "Durante la emergencia se garantizó a las personas migrantes sin documentos que buscar albergue no daría lugar a detención ni deportación.",
        "Equipos móviles visitaron fincas y asentamientos informales para registrar a quienes no habían sido contados en el censo.",
        "Las organizaciones socias se reunieron cada mes para revisar las listas de contactos, los suministros y el papel de cada institución.",
        "Después de la crisis, las personas retornadas recibieron apoyo para encontrar trabajo, recuperar documentos e inscribir a sus hijos en la escuela.",
        "La experiencia mostró que las organizaciones comunitarias de confianza suelen ser el canal más rápido para llegar a la población migrante.",
        "Una evaluación encontró que las familias que participaron en los simulacros evacuaron antes y perdieron menos pertenencias.",
        "Se animó a los empleadores a incluir a sus trabajadores extranjeros en los planes de emergencia y a compartir las alertas.",
        "Las sesiones informativas explicaron cómo llamar a los servicios de emergencia, qué llevar y dónde recibir atención médica.",
        "La práctica aplica las Directrices MICIC sobre intercambio de información, respuesta a emergencias y acción posterior a la crisis.",
        "Los datos sobre el número y la ubicación de las personas migrantes se recopilaron con su consentimiento y se mantuvieron confidenciales.",
        "Intérpretes acompañaron a los equipos de socorro para que las personas migrantes heridas pudieran describir sus necesidades.",
        "Las radios locales transmitieron mensajes en español, inglés, miskito y tagalo durante la tormenta.",
    ]

    private static let bulletsEN = [
        "Orientation on local hazards and evacuation sites", "Drills with residents' associations",
        "Translated leaflets and audio messages", "A hotline staffed by interpreters",
        "Referral to consular services", "Temporary shelter and food for stranded migrants",
    ]

    private static let bulletsES = [
        "Orientación sobre amenazas locales y sitios de evacuación", "Simulacros con asociaciones de vecinos",
        "Folletos traducidos y mensajes de audio", "Una línea telefónica atendida por intérpretes",
        "Referencia a servicios consulares", "Albergue temporal y alimentación para migrantes varados",
    ]
}
