import Kernel

/// The demonstration capacity-building tools. Module titles and durations are
/// illustrative.
extension DemoContent {
    static let tools: [DemoItem] = [
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "tool",
                title: "Improving assistance to nationals affected by crises abroad",
                language: "en",
                fields: [
                    "summary": .text(
                        "An e-learning course for consular officials, labour attachés and crisis teams of "
                            + "migrants' home countries."
                    ),
                    "body": .text(
                        """
                        Fourteen thematic modules, about five hours in all, on preparing for and responding \
                        to crises that affect nationals abroad. A final assessment leads to a certificate.
                        """
                    ),
                    "audiences": .texts("home_country_institutions"),
                    "formats": .texts("e_learning"),
                    "total_duration": .text("PT5H"),
                    "languages_available": .texts("en", "es"),
                    "certificate": .boolean(true),
                    "access_url": .text("https://micicinitiative.iom.int/"),
                    "guidelines": .texts("8"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "tool",
                title: "Including migrants in emergency management",
                language: "en",
                fields: [
                    "summary": .text(
                        "An e-learning course for emergency responders in the countries that host migrants."
                    ),
                    "body": .text(
                        """
                        Five modules, about two hours in all, on taking migrants into account in \
                        preparedness, emergency response and recovery. Available in English first; Spanish, \
                        Italian and French versions are planned.
                        """
                    ),
                    "audiences": .texts("host_country_responders"),
                    "formats": .texts("e_learning"),
                    "modules": .list([
                        .object(["title": .text("Why migrants matter in emergencies"), "duration": .text("PT20M")]),
                        .object(["title": .text("Including migrants in preparedness"), "duration": .text("PT25M")]),
                        .object(["title": .text("Communicating with migrants"), "duration": .text("PT25M")]),
                        .object(["title": .text("Assistance without discrimination"), "duration": .text("PT25M")]),
                        .object([
                            "title": .text("Recovery of migrants and host communities"), "duration": .text("PT25M"),
                        ]),
                    ]),
                    "total_duration": .text("PT2H"),
                    "languages_available": .texts("en"),
                    "languages_planned": .texts("es", "it", "fr"),
                    "certificate": .boolean(false),
                    "guidelines": .texts("4", "9", "11", "14", "15"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "tool",
                title: "Integrating migrants in emergency preparedness, response and recovery",
                language: "en",
                fields: [
                    "summary": .text(
                        "A face-to-face training in eight sessions, also delivered as a training of trainers."
                    ),
                    "body": .text(
                        """
                        The sessions follow the MICIC Guidelines from preparedness to post-crisis action. \
                        Run as a training of trainers, it prepares national facilitators to deliver it in \
                        turn.
                        """
                    ),
                    "audiences": .texts("host_country_responders"),
                    "formats": .texts("face_to_face", "training_of_trainers"),
                    "modules": .list([
                        .object(["title": .text("The MICIC Initiative and its Guidelines")]),
                        .object(["title": .text("Information on crises and on migrants")]),
                        .object(["title": .text("Empowering and communicating with migrants before a crisis")]),
                        .object(["title": .text("Preparedness systems and contingency planning")]),
                        .object(["title": .text("Coordination and capacity building")]),
                        .object(["title": .text("Communication and movement to safety during a crisis")]),
                        .object(["title": .text("Assistance, referral, relocation and evacuation")]),
                        .object(["title": .text("Recovery of migrants and host communities")]),
                    ]),
                    "languages_available": .texts("en", "es", "fr"),
                    "guidelines": .texts("4", "5", "8"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "tool",
                title: "Smartphone application for registration, warnings and consular assistance",
                language: "en",
                fields: [
                    "summary": .text(
                        "An app through which migrants register with their consulate, receive warnings and "
                            + "ask for assistance."
                    ),
                    "audiences": .texts("migrants", "home_country_institutions"),
                    "formats": .texts("app"),
                    "languages_available": .texts("en"),
                    "guidelines": .texts("2", "6", "9"),
                ]
            ),
            published: false
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "tool",
                title: "Toolkit of checklists, templates and forms",
                language: "en",
                fields: [
                    "summary": .text(
                        "Checklists, templates and forms for contingency planning, evacuation, the evacuation "
                            + "of migrant children, and communication."
                    ),
                    "audiences": .texts("home_country_institutions", "host_country_responders"),
                    "formats": .texts("toolkit", "template"),
                    "modules": .list([
                        .object(["title": .text("Contingency planning")]),
                        .object(["title": .text("Evacuation")]),
                        .object(["title": .text("Evacuation of migrant children")]),
                        .object(["title": .text("Communication")]),
                    ]),
                    "languages_available": .texts("en"),
                    "guidelines": .texts("5", "9", "13"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "tool",
                title: "Mejorando la asistencia a nacionales afectados por crisis en el exterior",
                language: "es",
                fields: [
                    "summary": .text(
                        "Curso en línea para funcionarios consulares, agregados laborales y equipos de crisis "
                            + "de los países de origen."
                    ),
                    "body": .text(
                        """
                        Catorce módulos temáticos, unas cinco horas de estudio, una evaluación final y un \
                        certificado.
                        """
                    ),
                    "audiences": .texts("home_country_institutions"),
                    "formats": .texts("e_learning"),
                    "total_duration": .text("PT5H"),
                    "languages_available": .texts("es", "en"),
                    "certificate": .boolean(true),
                    "guidelines": .texts("8"),
                ]
            ),
            published: true
        ),
    ]
}
