extension ItemChanges {
    /// Why saving changes would change nothing that belongs to the item itself.
    public enum Redundancy: Sendable, Hashable {
        /// Nothing differs.
        case nothing
        /// The item is a translation and only shared fields would differ: those follow its
        /// original, and change with it.
        case sharedFieldsFollow(original: Int64)

        /// The reason, as a bulk command reports a skipped item.
        public var reason: String {
            switch self {
            case .nothing: "nothing to change"
            case .sharedFieldsFollow(let original): "a translation: its shared fields follow item \(original)"
            }
        }
    }

    /// Why these changes need not be saved on `item` of `type`, or `nil` when they change
    /// something of its own.
    /// - Parameter acrossTranslations: the item was chosen among others (a filter finds
    ///   translations too), so a translation's shared fields are left to its original.
    public func redundancy(on item: Item, of type: ContentType, acrossTranslations: Bool) -> Redundancy? {
        var after = applied(to: item)
        after.author = author ?? after.author
        guard after.title == item.title, after.slug == item.slug else { return nil }
        if after.fields == item.fields && after.author == item.author { return .nothing }
        guard acrossTranslations, let original = item.translationOf else { return nil }
        let shared = type.sharedFields
        let changed = Set(after.fields.keys).union(item.fields.keys).filter { after.fields[$0] != item.fields[$0] }
        return changed.allSatisfy(shared.contains) ? .sharedFieldsFollow(original: original) : nil
    }
}
