/// An element of an XML document as ``XMLReader`` reads it: its local name (the name
/// without its namespace prefix: `meta` for `mda:meta`), its attributes by qualified name,
/// and its content in order.
struct XMLNode: Sendable {
    /// One piece of an element's content.
    indirect enum Content: Sendable {
        case element(XMLNode)
        case text(String)
    }

    /// The local name.
    let name: String
    /// The attributes, by qualified name (`xml:space`), namespace declarations left out.
    let attributes: [(name: String, value: String)]
    /// The child elements and text, in document order.
    var content: [Content]

    /// The value of the attribute called `name`.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The text directly inside the element (that of its children left out).
    var text: String {
        content.reduce(into: "") { text, piece in
            if case .text(let value) = piece { text += value }
        }
    }

    /// The child elements.
    var elements: [XMLNode] {
        content.compactMap { piece in
            if case .element(let element) = piece { return element }
            return nil
        }
    }

    /// The child elements called `name`.
    func children(named name: String) -> [XMLNode] {
        content.compactMap { piece in
            if case .element(let element) = piece, element.name == name { return element }
            return nil
        }
    }

    /// The elements called `name` anywhere below (an element so called is not searched
    /// further).
    func descendants(named name: String) -> [XMLNode] {
        var found: [XMLNode] = []
        collect(named: name, into: &found)
        return found
    }

    /// Appends the elements called `name` below this one to `found`, in document order.
    private func collect(named name: String, into found: inout [XMLNode]) {
        for case .element(let child) in content {
            if child.name == name { found.append(child) } else { child.collect(named: name, into: &found) }
        }
    }
}
