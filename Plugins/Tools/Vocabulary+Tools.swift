public import Kernel

/// The vocabularies of capacity-building tools: who they are for and what form they take.
extension Vocabulary {
    /// Who a tool is for.
    public static let toolAudiences = Vocabulary(
        name: "audience",
        terms: [
            Term(code: "home_country_institutions", label: "Home-country institutions"),
            Term(code: "host_country_responders", label: "Host-country responders"),
            Term(code: "migrants", label: "Migrants"),
        ]
    )

    /// The form a tool takes.
    public static let toolFormats = Vocabulary(
        name: "format",
        terms: [
            Term(code: "e_learning", label: "E-learning"),
            Term(code: "face_to_face", label: "Face-to-face training"),
            Term(code: "training_of_trainers", label: "Training of trainers"),
            Term(code: "toolkit", label: "Toolkit"),
            Term(code: "template", label: "Template"),
            Term(code: "guidance", label: "Guidance"),
            Term(code: "app", label: "App"),
            Term(code: "manual", label: "Manual"),
        ]
    )
}
