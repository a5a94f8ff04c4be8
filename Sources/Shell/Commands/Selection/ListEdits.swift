internal import Kernel

/// `--add FIELD=VALUE,...` and `--remove FIELD=VALUE,...`: values added to (or taken from)
/// list fields, item by item.
struct ListEdits {
    var additions: [(field: String, values: [FieldValue])] = []
    var removals: [(field: String, values: [FieldValue])] = []

    /// The edits `--add` and `--remove` ask for on items of `type`.
    /// - Throws: a usage error naming a flag that is not `FIELD=VALUE` of a list field.
    init(type: ContentType, _ arguments: CommandArguments) throws {
        for flag in ["add", "remove"] {
            for text in arguments.values[flag] ?? [] {
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw CommandError.usage("--\(flag) takes FIELD=VALUE (guidelines=4), not '\(text)'")
                }
                let name = String(text[..<equals])
                guard let field = type.field(name) ?? type.field(filter: name), case .list = field.kind else {
                    throw CommandError.usage("--\(flag) \(name): \(type.name) has no list field \(name)")
                }
                guard
                    case .list(let values) = try ValueParser.parse(
                        String(text[text.index(after: equals)...]),
                        as: field.kind,
                        field: field.name
                    )
                else { continue }
                if flag == "add" {
                    additions.append((field.name, values))
                } else {
                    removals.append((field.name, values))
                }
            }
        }
    }

    /// Sets the lists `item` ends up with in `changes`.
    func apply(to item: Item, into changes: inout ItemChanges) {
        func current(_ field: String) -> [FieldValue] {
            (changes.set[field] ?? item.fields[field])?.listValue ?? []
        }
        for (field, values) in additions {
            var list = current(field)
            for value in values where !list.contains(value) { list.append(value) }
            changes.set[field] = .list(list)
        }
        for (field, values) in removals {
            let list = current(field).filter { !values.contains($0) }
            if list.isEmpty {
                changes.set[field] = nil
                if item.fields[field] != nil { changes.remove.append(field) }
            } else {
                changes.set[field] = .list(list)
            }
        }
    }
}
