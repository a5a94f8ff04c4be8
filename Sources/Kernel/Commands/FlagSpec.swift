/// One flag of a command.
public struct FlagSpec: Sendable {
    public let name: String
    public let takesValue: Bool
    public let summary: String
    /// Values for completion (vocabulary codes).
    public let values: [String]
    public let placeholder: String
    /// Whether the value is language tags (one, or several separated by commas), which are
    /// read in any case and kept in the canonical one (`ES-mx` is `es-MX`).
    public var isLanguage = false

    /// Whether the value is a file's path (its placeholder is `FILE`), completed as one.
    public var takesFile: Bool { placeholder == "FILE" }

    /// Whether the value is the file a listing is written to (`--to FILE`).
    public var isOutputFile = false

    /// `--to FILE`: a listing written to a file, in the format its extension says.
    public static var outputFile: FlagSpec {
        var flag = FlagSpec(
            "to",
            summary: "write to this file instead (.csv, .json or .txt, or as --format says)",
            placeholder: "FILE"
        )
        flag.isOutputFile = true
        return flag
    }

    /// A flag whose value is a language tag (`LANG`), or several (`LANGS`).
    public static func language(_ name: String, summary: String, several: Bool = false) -> FlagSpec {
        var flag = FlagSpec(name, summary: summary, placeholder: several ? "LANGS" : "LANG")
        flag.isLanguage = true
        return flag
    }

    public init(
        _ name: String,
        takesValue: Bool = true,
        summary: String,
        values: [String] = [],
        placeholder: String = "VALUE"
    ) {
        self.name = name
        self.takesValue = takesValue
        self.summary = summary
        self.values = values
        self.placeholder = placeholder
    }
}
