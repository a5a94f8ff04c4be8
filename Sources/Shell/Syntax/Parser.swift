/// Reads shell text into statements. One parser serves the prompt, `-c`, script files and
/// standard input, so a typed line and a script line behave the same.
///
/// ```
/// use cr; practice list --status approved | practice publish --yes   # comment
/// let drafts = news list --status draft --format ids
/// ```
public struct Parser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line: Int
    private var column = 1

    /// A parser over `text`, whose first line is `firstLine` of its file.
    public init(_ text: String, firstLine: Int = 1) {
        scalars = Array(text.unicodeScalars)
        line = firstLine
    }

    /// Every statement of the text.
    /// - Throws: ``ShellSyntaxError`` with the position of the first problem.
    public mutating func statements() throws -> [Statement] {
        var statements: [Statement] = []
        var commands: [CommandCall] = []
        var words: [Word] = []
        var start = position
        var assignment: (String, SourcePosition)?
        var expectingCommand = false

        func endCommand() throws {
            guard !words.isEmpty else { return }
            commands.append(CommandCall(words: words, position: words[0].position))
            words = []
        }
        func endStatement() throws {
            try endCommand()
            if expectingCommand {
                throw ShellSyntaxError("a command must follow |", at: position, incomplete: index >= scalars.count)
            }
            guard !commands.isEmpty else {
                if let (name, at) = assignment { throw ShellSyntaxError("let \(name) = needs a command", at: at) }
                return
            }
            let pipeline = Pipeline(commands: commands)
            if let (name, at) = assignment {
                statements.append(.assign(name, pipeline, at))
            } else {
                statements.append(.run(pipeline))
            }
            commands = []
            assignment = nil
        }

        while true {
            skipBlanks()
            guard let scalar = peek() else { break }
            switch scalar {
            case "\n", ";":
                advance()
                try endStatement()
            case "#":
                while let next = peek(), next != "\n" { advance() }
            case "|":
                let at = position
                advance()
                guard !words.isEmpty else { throw ShellSyntaxError("| must follow a command", at: at) }
                try endCommand()
                expectingCommand = true
            default:
                let word = try readWord()
                expectingCommand = false
                if commands.isEmpty && words.isEmpty && assignment == nil && word.literal == "let" && !word.quoted {
                    start = word.position
                    skipBlanks()
                    let name = try readWord()
                    guard let text = name.literal, text.isIdentifier else {
                        throw ShellSyntaxError("let needs a variable name (letters, digits, _)", at: name.position)
                    }
                    skipBlanks()
                    guard peek() == "=" else { throw ShellSyntaxError("expected = after let \(text)", at: position) }
                    advance()
                    assignment = (text, start)
                    continue
                }
                words.append(word)
            }
        }
        try endStatement()
        return statements
    }

    private var position: SourcePosition { SourcePosition(line: line, column: column) }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    /// Skips spaces, tabs and backslash-newline continuations.
    private mutating func skipBlanks() {
        while let scalar = peek() {
            if scalar == " " || scalar == "\t" || scalar == "\r" {
                advance()
            } else if scalar == "\\", peek(1) == "\n" || (peek(1) == "\r" && peek(2) == "\n") {
                advance()
                if peek() == "\r" { advance() }
                advance()
            } else {
                return
            }
        }
    }

    private mutating func readWord() throws -> Word {
        let start = position
        var parts: [Word.Part] = []
        var text = ""
        var quoted = false
        func flush() {
            if !text.isEmpty { parts.append(.text(text)) }
            text = ""
        }
        while let scalar = peek() {
            switch scalar {
            case " ", "\t", "\r", "\n", ";", "|":
                flush()
                return Word(parts: parts.isEmpty ? [.text("")] : parts, quoted: quoted, position: start)
            case "'":
                quoted = true
                let open = position
                advance()
                while true {
                    guard let next = peek() else {
                        throw ShellSyntaxError("the quote opened here is not closed", at: open, incomplete: true)
                    }
                    advance()
                    if next == "'" { break }
                    text.unicodeScalars.append(next)
                }
            case "\"":
                quoted = true
                let open = position
                advance()
                while true {
                    guard let next = peek() else {
                        throw ShellSyntaxError("the quote opened here is not closed", at: open, incomplete: true)
                    }
                    if next == "\"" {
                        advance()
                        break
                    }
                    if next == "\\" {
                        advance()
                        guard let escaped = peek() else {
                            throw ShellSyntaxError("the quote opened here is not closed", at: open, incomplete: true)
                        }
                        advance()
                        switch escaped {
                        case "n": text += "\n"
                        case "t": text += "\t"
                        case "\n": break
                        default: text.unicodeScalars.append(escaped)
                        }
                    } else if next == "$", let name = variableName(at: 1) {
                        flush()
                        parts.append(.variable(name))
                        for _ in 0...name.unicodeScalars.count { advance() }
                    } else {
                        advance()
                        text.unicodeScalars.append(next)
                    }
                }
            case "\\":
                advance()
                guard let escaped = peek() else {
                    throw ShellSyntaxError("a line ending in \\ continues on the next", at: position, incomplete: true)
                }
                advance()
                if escaped == "\r", peek() == "\n" {
                    advance()
                } else if escaped != "\n" {
                    text.unicodeScalars.append(escaped)
                }
            case "$" where variableName(at: 1) != nil:
                let name = variableName(at: 1)!
                flush()
                parts.append(.variable(name))
                for _ in 0...name.unicodeScalars.count { advance() }
            case "#" where text.isEmpty && parts.isEmpty && !quoted:
                return Word(parts: [.text("")], quoted: quoted, position: start)
            default:
                advance()
                text.unicodeScalars.append(scalar)
            }
        }
        flush()
        return Word(parts: parts.isEmpty ? [.text("")] : parts, quoted: quoted, position: start)
    }

    /// The variable name starting `offset` scalars ahead, if any.
    private func variableName(at offset: Int) -> String? {
        var name = String.UnicodeScalarView()
        var position = index + offset
        while position < scalars.count,
            scalars[position].properties.isAlphabetic || scalars[position] == "_"
                || ("0"..."9").contains(scalars[position])
        {
            name.append(scalars[position])
            position += 1
        }
        let text = String(name)
        return text.isIdentifier ? text : nil
    }
}

extension String {
    /// Letters, digits and underscores, not starting with a digit.
    var isIdentifier: Bool {
        guard let first = unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0) }
    }
}
