import Foundation
import Kernel

/// Practices of about 2 KB of text each, written as an NDJSON file in the shape `export`
/// writes (what `import` reads) and as COPY rows of `items` for psql (the same rows).
enum PracticeFile {
    /// The `index`th practice: type, language, slug, title, status and fields.
    static func practice(
        _ index: Int
    ) -> (language: String, slug: String, title: String, status: String, fields: [String: FieldValue]) {
        let statuses = ["draft", "draft", "in_review", "approved", "published", "published"]
        let language = index % 5 < 3 ? "es" : "en"
        let title = PracticeSamples.title(index, language: language)
        var base = String(Slug.make(from: title).prefix(60))
        while base.hasSuffix("-") { base.removeLast() }
        return (
            language, base + "-\(index)", title, statuses[(index &* 13) % statuses.count],
            PracticeSamples.fields(index, language: language, bodyLength: 1_600)
        )
    }

    /// Writes `count` practices as NDJSON to `path` (unless it is there already).
    static func writeNDJSON(_ count: Int, to path: String) throws {
        try write(count, to: path) { index in
            let practice = practice(index)
            let object: [String: FieldValue] = [
                "type": .text("practice"), "language": .text(practice.language), "slug": .text(practice.slug),
                "title": .text(practice.title), "status": .text(practice.status), "fields": .object(practice.fields),
            ]
            return FieldValue.object(object).jsonText + "\n"
        }
    }

    /// Writes the same practices as COPY text rows of
    /// `items (tenant_id, type, language, slug, title, status, fields, author)`.
    static func writeCopy(_ count: Int, tenantID: Int64, to path: String) throws {
        try write(count, to: path) { index in
            let practice = practice(index)
            let fields = [
                String(tenantID), "practice", practice.language, practice.slug, practice.title, practice.status,
                FieldValue.jsonText(of: practice.fields), "bench",
            ]
            return fields.map(escape).joined(separator: "\t") + "\n"
        }
    }

    /// The columns of ``writeCopy(_:tenantID:to:)``.
    static let copyColumns = "items (tenant_id, type, language, slug, title, status, fields, author)"

    static func escape(_ field: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(field.utf8.count + 16)
        for character in field.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    private static func write(_ count: Int, to path: String, _ line: (Int) -> String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let partial = path + ".partial"
        _ = FileManager.default.createFile(atPath: partial, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: partial))
        var buffer = ""
        for index in 0..<count {
            buffer += line(index)
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
        try handle.close()
        chmod(partial, 0o644)
        try FileManager.default.moveItem(atPath: partial, toPath: path)
    }
}
