/// The MICIC Guidelines and crisis phases: shared by every content type that says which
/// guidelines it implements or concerns.
extension Vocabulary {
    /// The three crisis phases.
    public static let phases = Vocabulary(
        name: "phase",
        terms: [
            Term(code: "preparedness", label: "Preparedness"),
            Term(code: "emergency_response", label: "Emergency response"),
            Term(code: "post_crisis", label: "Post-crisis action"),
        ]
    )

    /// The 15 guidelines, coded `1` to `15`, each with its short label and phase (attribute
    /// `phase`) and its full text (attribute `text`).
    public static let guidelines = Vocabulary(
        name: "guideline",
        terms: [
            guideline(
                1,
                "Information on crises",
                "preparedness",
                "Track information on conflicts and natural disasters, and their potential impact on migrants"
            ),
            guideline(
                2,
                "Information on migrants",
                "preparedness",
                "Collect and share information on migrants, subject to privacy, confidentiality and the security and safety of migrants"
            ),
            guideline(
                3,
                "Empowering migrants",
                "preparedness",
                "Empower migrants to help themselves, their families and communities during and after crises"
            ),
            guideline(
                4,
                "Preparedness and emergency response systems",
                "preparedness",
                "Incorporate migrants in prevention, preparedness and emergency response systems"
            ),
            guideline(
                5,
                "Contingency planning",
                "preparedness",
                "Involve migrants in contingency planning and integrate their needs and capacities"
            ),
            guideline(6, "Communication before a crisis", "preparedness", "Communicate effectively with migrants"),
            guideline(
                7,
                "Coordination",
                "preparedness",
                "Establish coordination agreements in advance to leverage strengths and foster trust"
            ),
            guideline(
                8,
                "Capacity building",
                "preparedness",
                "Build capacity and learn lessons for emergency response and post-crisis action"
            ),
            guideline(
                9,
                "Communication during a crisis",
                "emergency_response",
                "Communicate widely, effectively and often with migrants on evolving crises and how to access help"
            ),
            guideline(
                10,
                "Facilitating movement to safety",
                "emergency_response",
                "Facilitate migrants' ability to move to safety"
            ),
            guideline(
                11,
                "Provision of humanitarian assistance",
                "emergency_response",
                "Provide humanitarian assistance to migrants without discrimination"
            ),
            guideline(
                12,
                "Referral procedures",
                "emergency_response",
                "Establish clear referral procedures among stakeholders"
            ),
            guideline(
                13,
                "Relocation and evacuation",
                "emergency_response",
                "Relocate and evacuate migrants when needed"
            ),
            guideline(
                14,
                "Support migrants' recovery",
                "post_crisis",
                "Address migrants' immediate needs and support migrants to rebuild their lives"
            ),
            guideline(
                15,
                "Support host communities",
                "post_crisis",
                "Support the recovery of migrants' host communities"
            ),
        ]
    )

    private static func guideline(_ number: Int, _ label: String, _ phase: String, _ text: String) -> Term {
        Term(code: String(number), label: label, attributes: ["phase": phase, "text": text])
    }
}
