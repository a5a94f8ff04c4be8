extension FieldValue {
    /// The value as one line of text: lists joined with `;`, times with their zone, rows as
    /// JSON.
    public var lineText: String {
        if case .object(let parts) = self, let utc = parts["utc"]?.textValue, let zone = parts["zone"]?.textValue {
            return "\(utc) (\(zone))"
        }
        if case .list(let items) = self, items.contains(where: { if case .object = $0 { true } else { false } }) {
            return jsonText
        }
        return description
    }
}
