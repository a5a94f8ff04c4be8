internal import Kernel

public import struct Foundation.Data

/// XLIFF 2.1 (OASIS), as CAT tools read and write it: one `<file>` per job, one `<unit>` per
/// translatable field, the job and source hashes in the Metadata module (`mda:`).
/// Markdown travels as plain text, so its inline syntax comes back as it went.
///
/// ```xml
/// <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="es">
///   <file id="job-7"> <mda:metadata>…job 7…</mda:metadata>
///     <unit id="summary"> <mda:metadata>…source hash…</mda:metadata>
///       <segment><source>Text</source><target>Texto</target></segment>
///     </unit>
///   </file>
/// </xliff>
/// ```
public struct XLIFFFormat: TranslationFileFormat {
    /// The format.
    public init() {}

    /// `xliff`.
    public var name: String { "xliff" }

    /// `xlf` and `xliff`.
    public var fileExtensions: [String] { ["xlf", "xliff"] }

    /// The XLIFF 2 core namespace.
    static let namespace = "urn:oasis:names:tc:xliff:document:2.0"
    /// The Metadata module's namespace.
    static let metadataNamespace = "urn:oasis:names:tc:xliff:metadata:2.0"
    /// The metadata group category naming micic's own values.
    static let category = "micic"

    public func encode(_ packets: [TranslationPacket]) throws -> Data {
        let pairs = Set(packets.map { "\($0.sourceLanguage) → \($0.targetLanguage)" })
        guard pairs.count <= 1, let first = packets.first else {
            if packets.isEmpty {
                throw TranslationImportError(problems: [
                    .init(jobID: nil, field: nil, message: "there are no jobs to export")
                ])
            }
            throw TranslationImportError(problems: [
                .init(
                    jobID: nil,
                    field: nil,
                    message: "an XLIFF file holds one language pair, and these jobs have "
                        + pairs.sorted().joined(separator: ", ") + ": export one target language at a time (--language)"
                )
            ])
        }
        var xml = XMLWriter()
        xml.declaration()
        xml.open(
            "xliff",
            [
                ("xmlns", Self.namespace), ("xmlns:mda", Self.metadataNamespace), ("version", "2.1"),
                ("srcLang", first.sourceLanguage), ("trgLang", first.targetLanguage),
            ]
        )
        for packet in packets {
            xml.open("file", [("id", "job-\(packet.jobID)"), ("original", "\(packet.type)/\(packet.sourceID)")])
            metadata(&xml, [("job", String(packet.jobID)), ("type", packet.type), ("source", String(packet.sourceID))])
            for unit in packet.units {
                xml.open("unit", [("id", unit.field), ("name", unit.field)])
                metadata(&xml, [("source-hash", unit.sourceHash)])
                xml.open("segment", [])
                xml.element("source", [("xml:space", "preserve")], text: unit.source)
                if let target = unit.target {
                    xml.element("target", [("xml:space", "preserve")], text: target)
                }
                xml.close("segment")
                xml.close("unit")
            }
            xml.close("file")
        }
        xml.close("xliff")
        return Data(xml.data)
    }

    private func metadata(_ xml: inout XMLWriter, _ values: [(String, String)]) {
        xml.open("mda:metadata", [])
        xml.open("mda:metaGroup", [("category", Self.category)])
        for (type, value) in values {
            xml.element("mda:meta", [("type", type)], text: value)
        }
        xml.close("mda:metaGroup")
        xml.close("mda:metadata")
    }
}
