internal import CLibEdit
internal import Foundation

/// Reads lines with libedit: Emacs keys, history kept in a file across sessions (lines
/// starting with a space are not recorded), and tab completion through a ``Completer``.
public final class LineEditor {
    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyFile: String?
    /// What tab completes.
    public var completer: Completer
    /// The prompt shown for the next line.
    public var prompt = "> "
    private var promptStorage: UnsafeMutablePointer<CChar>?

    /// An editor keeping history in `historyFile`.
    public init(program: String, historyFile: String?, completer: Completer) {
        editor = micic_el_init(program)
        history = micic_history_init(1000)
        self.historyFile = historyFile
        self.completer = completer
        if let historyFile { _ = micic_history_load(history, historyFile) }
        micic_el_configure(
            editor,
            { editor in
                guard let editor, let client = micic_el_client(editor) else { return nil }
                return UnsafePointer(Unmanaged<LineEditor>.fromOpaque(client).takeUnretainedValue().currentPrompt())
            },
            history,
            Unmanaged.passUnretained(self).toOpaque(),
            { editor, _ in
                guard let editor, let client = micic_el_client(editor) else { return UInt8(CC_ERROR) }
                return Unmanaged<LineEditor>.fromOpaque(client).takeUnretainedValue().complete()
            }
        )
    }

    deinit {
        el_end(editor)
        history_end(history)
        free(promptStorage)
    }

    /// Whether the last ``readLine(prompt:)`` ended because of Ctrl-C rather than Ctrl-D.
    public private(set) var wasInterrupted = false

    /// The next line without its newline; `nil` at end of input (Ctrl-D) or on Ctrl-C
    /// (then ``wasInterrupted`` is true).
    public func readLine(prompt: String) -> String? {
        self.prompt = prompt
        var count: Int32 = 0
        let line = el_gets(editor, &count)
        wasInterrupted = count < 0
        guard let line, count > 0 else { return nil }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Records a line in the history (unless it starts with a space) and saves the file.
    public func remember(_ line: String) {
        guard !line.hasPrefix(" "), !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        micic_history_enter(history, line)
        if let historyFile {
            try? FileManager.default.createDirectory(
                atPath: (historyFile as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            _ = micic_history_save(history, historyFile)
        }
    }

    private func currentPrompt() -> UnsafeMutablePointer<CChar>? {
        free(promptStorage)
        promptStorage = strdup(prompt)
        return promptStorage
    }

    /// Completes the word before the cursor: one match is inserted, several are listed.
    private func complete() -> UInt8 {
        guard let info = el_line(editor) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let bytes = UnsafeRawBufferPointer(start: info.pointee.buffer, count: length)
        let before = String(decoding: bytes, as: UTF8.self)
        let (word, candidates) = completer.candidates(before: before)
        guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let common = candidates.dropFirst().reduce(candidates[0]) { prefix, candidate in
            String(zip(prefix, candidate).prefix { $0 == $1 }.map(\.0))
        }
        if common.count > word.count {
            let insertion = String(common.dropFirst(word.count)) + (candidates.count == 1 ? " " : "")
            el_insertstr(editor, insertion)
            return UInt8(CC_REFRESH)
        }
        FileHandle.standardError.write(Data(("\n" + candidates.joined(separator: "  ") + "\n").utf8))
        return UInt8(CC_REDISPLAY)
    }
}
