import Kernel

/// The demonstration news, from headquarters and the country offices.
extension DemoContent {
    static let news: [DemoItem] = [
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "news",
                title: "Chinese translation of the MICIC Guidelines presented in Beijing",
                language: "en",
                fields: [
                    "dateline_place": .text("Beijing, China"),
                    "dateline_country": .text("CN"),
                    "published_on": .text("2017-05-18"),
                    "summary": .text(
                        "The Guidelines to protect migrants in countries in crisis are now available in Chinese."
                    ),
                    "body": .text(
                        """
                        The MICIC Guidelines, released in June 2016, are now published in Chinese, alongside \
                        English, Arabic, French, Russian, Spanish, Thai and Lao. The translation was \
                        presented to government officials and partners in Beijing.
                        """
                    ),
                    "tags": .texts("translations", "Guidelines"),
                    "office": .text("MICIC Secretariat"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "news",
                title: "Southern African officials discuss protecting migrants caught in crises",
                language: "en",
                fields: [
                    "dateline_place": .text("Pretoria, South Africa"),
                    "dateline_country": .text("ZA"),
                    "published_on": .text("2017-08-03"),
                    "summary": .text(
                        "Officials from the region met in Pretoria to discuss how to include migrants in their "
                            + "preparedness and emergency response systems."
                    ),
                    "body": .text(
                        """
                        Officials responsible for disaster management, consular affairs and migration \
                        discussed how to track crises and their impact on migrants, how to include migrants \
                        in contingency planning, and how to coordinate with the migrants' countries of \
                        origin.
                        """
                    ),
                    "tags": .texts("consultations", "Southern Africa"),
                    "guidelines": .texts("1", "4", "5", "7"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "hq",
            draft: ItemDraft(
                type: "news",
                title: "MICIC Guidelines now available in Azerbaijani",
                language: "en",
                fields: [
                    "dateline_place": .text("Baku, Azerbaijan"),
                    "dateline_country": .text("AZ"),
                    "published_on": .text("2018-11-30"),
                    "body": .text(
                        """
                        An Azerbaijani translation of the MICIC Guidelines was presented at the close of a \
                        two-day workshop in Baku attended by 23 participants.
                        """
                    ),
                    "tags": .texts("translations", "Guidelines"),
                    "office": .text("MICIC Secretariat"),
                ]
            ),
            published: false
        ),
        DemoItem(
            tenant: "ph",
            draft: ItemDraft(
                type: "news",
                title: "Five ASEAN delegations meet in Manila on migrants in crisis",
                language: "en",
                fields: [
                    "dateline_place": .text("Manila, Philippines"),
                    "dateline_country": .text("PH"),
                    "published_on": .text("2017-09-20"),
                    "summary": .text("A three-day regional roundtable on the MICIC Guidelines closed in Manila today."),
                    "body": .text(
                        """
                        Delegations from five ASEAN member states spent three days comparing how they track \
                        crises, communicate with their nationals abroad and coordinate evacuations, and \
                        agreed to keep sharing practices.
                        """
                    ),
                    "tags": .texts("ASEAN", "roundtable"),
                    "guidelines": .texts("1", "7", "13"),
                    "office": .text("Philippines country office"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "news",
                title: "La OIM lanza una capacitación en línea para personal consular",
                language: "es",
                fields: [
                    "dateline_place": .text("San José, Costa Rica"),
                    "dateline_country": .text("CR"),
                    "published_on": .text("2018-03-15"),
                    "summary": .text(
                        "El curso en línea sobre la asistencia a nacionales afectados por crisis en el exterior "
                            + "ya está disponible en español."
                    ),
                    "body": .text(
                        """
                        El personal consular, los agregados laborales y los equipos de crisis de los países \
                        de Mesoamérica pueden seguir en español el curso en línea de la OIM: catorce módulos \
                        temáticos, unas cinco horas de estudio, una evaluación final y un certificado.
                        """
                    ),
                    "tags": .texts("capacitación", "personal consular"),
                    "guidelines": .texts("8"),
                    "office": .text("OIM Costa Rica"),
                ]
            ),
            published: true
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "news",
                title: "Cancillerías de la región se reúnen en San José",
                language: "es",
                fields: [
                    "dateline_place": .text("San José, Costa Rica"),
                    "dateline_country": .text("CR"),
                    "published_on": .text("2017-02-02"),
                    "body": .text(
                        """
                        Durante dos días, representantes de las cancillerías de la región compartieron \
                        experiencias sobre la protección de sus nacionales en el exterior afectados por \
                        crisis, en un taller regional organizado por la OIM en Costa Rica.
                        """
                    ),
                    "tags": .texts("taller regional"),
                    "guidelines": .texts("7", "8"),
                    "office": .text("OIM Costa Rica"),
                ]
            ),
            published: false
        ),
        DemoItem(
            tenant: "cr",
            draft: ItemDraft(
                type: "news",
                title: "MICIC in Mesoamerica presented at the Global Conference on Cities and Migration",
                language: "en",
                fields: [
                    "dateline_place": .text("Mechelen, Belgium"),
                    "dateline_country": .text("BE"),
                    "published_on": .text("2017-11-17"),
                    "body": .text(
                        """
                        The IOM office in Costa Rica presented its work with the countries of Mesoamerica on \
                        protecting migrants in countries in crisis at a side event of the Global Conference \
                        on Cities and Migration.
                        """
                    ),
                    "office": .text("IOM Costa Rica"),
                ]
            ),
            published: true
        ),
    ]
}
