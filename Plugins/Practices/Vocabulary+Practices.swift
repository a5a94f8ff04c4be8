public import Kernel

/// The vocabularies of the repository of practices: crisis types, stakeholder types and
/// types of practice.
extension Vocabulary {
    /// The kinds of crisis a practice addresses.
    public static let crisisTypes = Vocabulary(
        name: "crisis type",
        terms: [
            Term(code: "conflict", label: "Conflict"),
            Term(code: "natural_disaster", label: "Natural disaster"),
        ]
    )

    /// The kinds of actor that carry out a practice.
    public static let stakeholderTypes = Vocabulary(
        name: "stakeholder type",
        terms: [
            Term(code: "host_state", label: "Host state"),
            Term(code: "state_of_origin", label: "State of origin"),
            Term(code: "state_of_transit", label: "State of transit"),
            Term(code: "international_organization", label: "International organization"),
            Term(code: "private_sector", label: "Private sector"),
            Term(code: "civil_society", label: "Civil society"),
        ]
    )

    /// The forms a practice takes (a list the Initiative extends over time).
    public static let practiceTypes = Vocabulary(
        name: "practice type",
        terms: [
            Term(code: "assistance_program", label: "Assistance program"),
            Term(code: "research_and_reports", label: "Research and reports"),
            Term(code: "education_and_orientation", label: "Education and orientation"),
            Term(code: "website", label: "Website"),
            Term(code: "mobile_and_internet_technology", label: "Mobile and internet technology"),
            Term(code: "training_and_capacity_building", label: "Training and capacity building"),
            Term(code: "government_body", label: "Government body"),
            Term(code: "early_warning_system", label: "Early warning system"),
        ]
    )
}
