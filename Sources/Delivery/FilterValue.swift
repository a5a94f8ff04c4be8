internal import Kernel

/// Reads a filter's value as the field's kind holds it (a list field's elements), and
/// checks it as the Kernel checks a stored value: a vocabulary code, a country code, ...
enum FilterValue {
    /// The value of `text` for `field`.
    /// - Throws: ``Problem`` 400 naming the filter when it is not a valid value.
    static func parse(_ text: String, for field: FieldSpec) throws -> FieldValue {
        let kind = field.kind.element
        let value: FieldValue
        switch kind {
        case .integer, .reference:
            guard let number = Int(text) else { throw Problem.badParameter(field.filterName, "takes whole numbers") }
            value = .integer(number)
        case .boolean:
            guard let flag = ["true": true, "false": false][text] else {
                throw Problem.badParameter(field.filterName, "takes true or false")
            }
            value = .boolean(flag)
        default:
            value = kind.canonical(.text(text))
        }
        if let issue = FieldValidator().check(value, as: kind, field: field.filterName).first {
            throw Problem.badParameter(field.filterName, "\(issue.message)")
        }
        return value
    }
}
