/// A job's translatable text, on its way to or from a translator's tool.
public struct TranslationPacket: Sendable, Hashable {
    /// The job's id.
    public var jobID: Int64
    /// The source language.
    public var sourceLanguage: String
    /// The target language.
    public var targetLanguage: String
    /// The content type, for people reading the file.
    public var type: String
    /// The source item's id.
    public var sourceID: Int64
    /// One unit per translatable field.
    public var units: [TranslationUnit]

    /// A packet.
    public init(
        jobID: Int64,
        sourceLanguage: String,
        targetLanguage: String,
        type: String,
        sourceID: Int64,
        units: [TranslationUnit]
    ) {
        self.jobID = jobID
        self.sourceLanguage = sourceLanguage
        self.targetLanguage = targetLanguage
        self.type = type
        self.sourceID = sourceID
        self.units = units
    }
}
