extension String {
    /// Whether the text holds a line break (any Unicode newline): checked byte by byte for
    /// ASCII text, which is most text, character by character otherwise.
    var hasLineBreak: Bool {
        for byte in utf8 {
            if byte >= 0x80 { return contains(where: \.isNewline) }
            if byte >= 0x0A && byte <= 0x0D { return true }
        }
        return false
    }

    /// Whether the text has more than `limit` characters; the characters are counted only
    /// when its bytes are more than the limit (a character is at least one byte).
    func isLonger(than limit: Int) -> Bool {
        utf8.count > limit && count > limit
    }
}
