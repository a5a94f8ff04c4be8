import Kernel

/// The demonstration practices: the public examples of the repository of practices, and
/// others from the country offices.
extension DemoContent {
    static let practices: [DemoItem] = [
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "practice",
                title: "Foreign Resident Disaster Support Project",
                language: "en",
                fields: [
                    "summary": .text(
                        "Mie Prefecture prepares its foreign residents for earthquakes, tsunamis and typhoons "
                            + "through disaster-preparedness education and orientation."
                    ),
                    "body": .text(
                        """
                        Japan's Mie Prefecture runs disaster-preparedness sessions for foreign residents, who \
                        often miss the drills and warnings that reach Japanese speakers.

                        - Orientation on local hazards, evacuation sites and emergency warnings
                        - Practical drills with residents' associations and municipal staff
                        - Materials that migrants can share with their families and communities
                        """
                    ),
                    "guidelines": .texts("3"),
                    "phases": .texts("preparedness"),
                    "crisis_types": .texts("natural_disaster"),
                    "practice_types": .texts("education_and_orientation"),
                    "countries": .texts("JP"),
                    "stakeholders": .texts("Mie Prefecture"),
                    "stakeholder_types": .texts("host_state"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "practice",
                title: "Hyogo E-Net",
                language: "en",
                fields: [
                    "summary": .text(
                        "A mobile and e-mail service that sends disaster information to foreign residents of "
                            + "Hyogo in five languages."
                    ),
                    "body": .text(
                        """
                        Hyogo E-Net tracks earthquakes, tsunami warnings and severe weather and passes the \
                        information on to registered foreign residents in five languages, before and during \
                        a disaster, so that they can act on it as quickly as everybody else.
                        """
                    ),
                    "guidelines": .texts("1"),
                    "phases": .texts("preparedness", "emergency_response"),
                    "crisis_types": .texts("natural_disaster"),
                    "practice_types": .texts("mobile_and_internet_technology"),
                    "countries": .texts("JP"),
                    "stakeholders": .texts("Hyogo Prefecture"),
                    "stakeholder_types": .texts("host_state"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "practice",
                title: "Study on migrants returned from Libya",
                language: "en",
                fields: [
                    "summary": .text(
                        "IOM research on the situation and needs of Ghanaian migrants who returned from Libya "
                            + "after the 2011 conflict."
                    ),
                    "body": .text(
                        """
                        More than 18,000 Ghanaians were evacuated from Libya in 2011. IOM studied how the \
                        returnees fared once home: their livelihoods, debts and the support they received, \
                        and what their communities needed to absorb them.

                        The findings inform reintegration programmes and the collection and sharing of \
                        information on migrants in future crises.
                        """
                    ),
                    "guidelines": .texts("2"),
                    "phases": .texts("post_crisis"),
                    "crisis_types": .texts("conflict"),
                    "practice_types": .texts("research_and_reports"),
                    "countries": .texts("GH"),
                    "stakeholders": .texts("IOM"),
                    "stakeholder_types": .texts("international_organization"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "practice",
                title: "Evacuation of Ghanaian migrants from Libya in 2011",
                language: "en",
                fields: [
                    "summary": .text(
                        "The evacuation of more than 18,000 Ghanaians caught in the 2011 conflict in Libya."
                    ),
                    "body": .text(
                        """
                        When conflict broke out in Libya in 2011, the Government of Ghana and IOM organised \
                        the evacuation of more than 18,000 Ghanaian migrants and their reception on \
                        arrival.
                        """
                    ),
                    "guidelines": .texts("10", "13"),
                    "phases": .texts("emergency_response"),
                    "crisis_types": .texts("conflict"),
                    "practice_types": .texts("assistance_program"),
                    "countries": .texts("LY", "GH"),
                    "stakeholders": .texts("Government of Ghana", "IOM"),
                    "stakeholder_types": .texts("state_of_origin", "international_organization"),
                ]
            ),
            published: false
        ),
        DemoItem(
            tenant: "ph",
            draft: ItemDraft(
                type: "practice",
                title: "Crisis Management and Assistance to Migrant Nationals (C-MAN)",
                language: "en",
                fields: [
                    "summary": .text(
                        "A 2014 training programme that prepares Philippine officials to assist nationals "
                            + "abroad in conflicts and natural disasters."
                    ),
                    "body": .text(
                        """
                        IOM and the Government of the Philippines developed C-MAN in 2014 to build the \
                        capacity of consular officials, labour attachés and crisis teams to prepare for \
                        crises abroad and to respond when they strike, and to learn lessons from each \
                        response.
                        """
                    ),
                    "guidelines": .texts("8"),
                    "phases": .texts("preparedness", "emergency_response"),
                    "crisis_types": .texts("conflict", "natural_disaster"),
                    "practice_types": .texts("training_and_capacity_building"),
                    "countries": .texts("PH"),
                    "stakeholders": .texts("IOM", "Government of the Philippines"),
                    "stakeholder_types": .texts("state_of_origin", "international_organization"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "ph",
            draft: ItemDraft(
                type: "practice",
                title: "Libya Crisis Quick Response Team",
                language: "en",
                fields: [
                    "summary": .text(
                        "A team the Government of the Philippines sent to Libya in 2014 to track the crisis "
                            + "and assist Filipino migrants."
                    ),
                    "body": .text(
                        """
                        As fighting spread in Libya in 2014, the Government of the Philippines deployed a \
                        quick response team to follow the situation on the ground, locate Filipino \
                        migrants and organise their assistance and repatriation.
                        """
                    ),
                    "guidelines": .texts("1"),
                    "phases": .texts("emergency_response"),
                    "crisis_types": .texts("conflict"),
                    "practice_types": .texts("government_body"),
                    "countries": .texts("LY"),
                    "stakeholders": .texts("Government of the Philippines"),
                    "stakeholder_types": .texts("state_of_origin"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "ph",
            draft: ItemDraft(
                type: "practice",
                title: "Crisis preparedness in pre-departure orientation for migrant workers",
                language: "en",
                fields: [
                    "summary": .text(
                        "Pre-departure orientation that tells migrant workers how to prepare for crises in "
                            + "their destination countries and where to find help."
                    ),
                    "body": .text(
                        """
                        Before they leave, migrant workers learn the hazards of their destination, how to \
                        register with their embassy, which contacts to keep at hand and what to do if a \
                        conflict or a disaster strikes.
                        """
                    ),
                    "guidelines": .texts("3", "6"),
                    "phases": .texts("preparedness"),
                    "crisis_types": .texts("conflict", "natural_disaster"),
                    "practice_types": .texts("education_and_orientation"),
                    "countries": .texts("PH"),
                    "stakeholders": .texts("Government of the Philippines"),
                    "stakeholder_types": .texts("state_of_origin"),
                    "submitter_contact": .text("Training unit, Philippines country office, training@example.org"),
                    "consent_to_publish": .boolean(true),
                ]
            ),
            published: false
        ),
        DemoItem(
            tenant: "ph",
            draft: ItemDraft(
                type: "practice",
                title: "Registration of nationals abroad for crisis alerts",
                language: "en",
                fields: [
                    "summary": .text(
                        "A smartphone application through which nationals abroad register, receive warnings "
                            + "and ask for consular assistance."
                    ),
                    "body": .text(
                        """
                        Registered nationals receive alerts about the crises that affect the country they \
                        live in and can request consular assistance from their phones; consulates see \
                        where their nationals are when a crisis strikes.
                        """
                    ),
                    "guidelines": .texts("2", "9"),
                    "phases": .texts("preparedness", "emergency_response"),
                    "crisis_types": .texts("conflict", "natural_disaster"),
                    "practice_types": .texts("mobile_and_internet_technology"),
                    "countries": .texts("PH"),
                    "stakeholder_types": .texts("state_of_origin"),
                ]
            ),
            published: false
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "practice",
                title: "Capacitación en línea para personal consular en Mesoamérica",
                language: "es",
                fields: [
                    "summary": .text(
                        "Un curso en línea que prepara al personal consular de Mesoamérica para asistir a sus "
                            + "nacionales afectados por crisis en el exterior."
                    ),
                    "body": .text(
                        """
                        La OIM en Costa Rica ofrece en español el curso en línea para personal consular \
                        sobre la asistencia a nacionales afectados por crisis en el exterior: catorce \
                        módulos temáticos, unas cinco horas de estudio, una evaluación y un certificado.
                        """
                    ),
                    "guidelines": .texts("8"),
                    "phases": .texts("preparedness"),
                    "crisis_types": .texts("conflict", "natural_disaster"),
                    "practice_types": .texts("training_and_capacity_building"),
                    "countries": .texts("CR", "GT", "SV", "HN", "NI", "PA", "MX"),
                    "stakeholders": .texts("OIM Costa Rica", "Ministerios de Relaciones Exteriores de Mesoamérica"),
                    "stakeholder_types": .texts("state_of_origin", "international_organization"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "practice",
                title: "Inclusión de personas migrantes en la gestión de emergencias",
                language: "es",
                fields: [
                    "summary": .text(
                        "Formación para los equipos de respuesta a emergencias sobre cómo incluir a las "
                            + "personas migrantes en la preparación y la respuesta ante desastres."
                    ),
                    "body": .text(
                        """
                        Los equipos nacionales y locales de gestión del riesgo aprenden a tener en cuenta \
                        a las personas migrantes en los planes de contingencia, los avisos y los albergues, \
                        y a contar con sus capacidades.
                        """
                    ),
                    "guidelines": .texts("4", "5"),
                    "phases": .texts("preparedness", "emergency_response"),
                    "crisis_types": .texts("natural_disaster"),
                    "practice_types": .texts("training_and_capacity_building"),
                    "countries": .texts("CR", "PA", "GT"),
                    "stakeholders": .texts("OIM Costa Rica", "Sistemas nacionales de protección civil"),
                    "stakeholder_types": .texts("host_state", "international_organization"),
                    "submitter_contact": .text("Unidad de proyectos, OIM Costa Rica, proyectos@example.org"),
                    "consent_to_publish": .boolean(true),
                ]
            ),
            published: false
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "practice",
                title: "Procedimientos de referencia para personas migrantes en situaciones de crisis",
                language: "es",
                fields: [
                    "summary": .text(
                        "Procedimientos acordados entre instituciones para referir a las personas migrantes "
                            + "afectadas por una crisis hacia la asistencia que necesitan."
                    ),
                    "body": .text(
                        """
                        Consulados, instituciones de protección civil, organizaciones internacionales y \
                        de la sociedad civil acuerdan quién atiende qué necesidad y cómo se refiere a cada \
                        persona, sin importar su nacionalidad ni su situación migratoria.
                        """
                    ),
                    "guidelines": .texts("12"),
                    "phases": .texts("emergency_response"),
                    "crisis_types": .texts("conflict", "natural_disaster"),
                    "practice_types": .texts("assistance_program"),
                    "countries": .texts("CR", "NI", "PA"),
                    "stakeholder_types": .texts(
                        "host_state",
                        "state_of_origin",
                        "state_of_transit",
                        "international_organization",
                        "civil_society"
                    ),
                    "submitter_contact": .text("Red de protección, proteccion@example.org"),
                    "consent_to_publish": .boolean(false),
                ]
            ),
            published: false
        ),
    ]
}
