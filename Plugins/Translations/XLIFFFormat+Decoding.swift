internal import Kernel

public import struct Foundation.Data

extension XLIFFFormat {
    public func decode(_ data: Data) throws -> [TranslationPacket] {
        let root: XMLNode
        do {
            root = try XMLReader.root(of: data)
        } catch let error as XMLReadError {
            guard let (line, column) = error.position else {
                throw Self.problem("the file is not well-formed XML: \(error.message)")
            }
            throw Self.problem("the file is not well-formed XML (line \(line), column \(column)): \(error.message)")
        }
        guard root.name == "xliff" else {
            throw Self.problem("the file is not XLIFF: its root element is not <xliff>")
        }
        guard let version = root.attribute("version"), version.hasPrefix("2.") else {
            throw Self.problem(
                "only XLIFF 2 files are read (this one says version \(root.attribute("version") ?? "nothing"))"
            )
        }
        guard let sourceLanguage = root.attribute("srcLang"), let targetLanguage = root.attribute("trgLang") else {
            throw Self.problem("the <xliff> element needs srcLang and trgLang")
        }
        var packets: [TranslationPacket] = []
        var problems: [TranslationImportError.Problem] = []
        for file in root.children(named: "file") {
            let values = Self.metadata(of: file)
            guard let jobText = values["job"] ?? file.attribute("id")?.replacing("job-", with: ""),
                let jobID = Int64(jobText)
            else {
                problems.append(
                    .init(jobID: nil, field: nil, message: "a <file> names no job (its micic metadata is missing)")
                )
                continue
            }
            var units: [TranslationUnit] = []
            for unit in file.descendants(named: "unit") {
                guard let field = unit.attribute("id") else {
                    problems.append(.init(jobID: jobID, field: nil, message: "a <unit> has no id"))
                    continue
                }
                let segments = unit.elements.filter { $0.name == "segment" || $0.name == "ignorable" }
                guard segments.contains(where: { $0.name == "segment" }) else {
                    problems.append(.init(jobID: jobID, field: field, message: "the unit has no <segment>"))
                    continue
                }
                let source = segments.map { Self.inlineText($0.children(named: "source").first) }.joined()
                let targets = segments.map { segment in
                    segment.children(named: "target").first.map { Self.inlineText($0) }
                        ?? (segment.name == "ignorable"
                            ? Self.inlineText(segment.children(named: "source").first) : nil)
                }
                let target: String? = targets.allSatisfy { $0 == nil } ? nil : targets.map { $0 ?? "" }.joined()
                units.append(
                    TranslationUnit(
                        field: field,
                        sourceHash: Self.metadata(of: unit)["source-hash"] ?? "",
                        source: source,
                        target: target
                    )
                )
            }
            packets.append(
                TranslationPacket(
                    jobID: jobID,
                    sourceLanguage: sourceLanguage,
                    targetLanguage: targetLanguage,
                    type: values["type"] ?? "",
                    sourceID: values["source"].flatMap { Int64($0) } ?? 0,
                    units: units
                )
            )
        }
        if !problems.isEmpty { throw TranslationImportError(problems: problems) }
        if packets.isEmpty { throw Self.problem("the file holds no <file> elements, so no jobs") }
        return packets
    }

    private static func problem(_ message: String) -> TranslationImportError {
        TranslationImportError(problems: [.init(jobID: nil, field: nil, message: message)])
    }

    /// The `mda:meta` values of the micic group directly under `element`, by type.
    private static func metadata(of element: XMLNode) -> [String: String] {
        var values: [String: String] = [:]
        for group in element.children(named: "metadata").flatMap({ $0.children(named: "metaGroup") })
        where group.attribute("category") == category {
            for meta in group.children(named: "meta") {
                if let type = meta.attribute("type") { values[type] = meta.text }
            }
        }
        return values
    }

    /// The text of a `<source>` or `<target>`: its own text and that of inline markup
    /// (`<mrk>`, `<pc>`, `<sm>`), with `<cp>` code points decoded.
    private static func inlineText(_ element: XMLNode?) -> String {
        guard let element else { return "" }
        var text = ""
        for piece in element.content {
            switch piece {
            case .text(let value):
                text += value
            case .element(let inner):
                if inner.name == "cp", let hex = inner.attribute("hex"), let value = UInt32(hex, radix: 16),
                    let scalar = Unicode.Scalar(value)
                {
                    text.unicodeScalars.append(scalar)
                } else {
                    text += inlineText(inner)
                }
            }
        }
        return text
    }
}
