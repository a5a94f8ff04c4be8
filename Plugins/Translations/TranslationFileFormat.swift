public import struct Foundation.Data

/// A file format translators' tools read and write (XLIFF), offered by a plugin.
public protocol TranslationFileFormat: Sendable {
    /// The format's name, as `--format` takes it (`xliff`).
    var name: String { get }
    /// The file name extensions it is recognised by (`xlf`, `xliff`).
    var fileExtensions: [String] { get }
    /// The file holding `packets`.
    func encode(_ packets: [TranslationPacket]) throws -> Data
    /// The packets in a file; throws ``TranslationImportError`` naming what is malformed.
    func decode(_ data: Data) throws -> [TranslationPacket]
}
