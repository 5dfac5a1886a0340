/// Turns what feeds put in text fields into plain text: HTML (also escaped, or escaped twice, as
/// 211 exports write it: "&amp;lt;b&amp;gt;") becomes paragraphs and lines, character references
/// become characters, UTF-8 mis-decoded as Windows-1252 or CP-437 is repaired, and a literal "\n"
/// becomes a line break. Text with none of these passes through as it is ("5 < 6", "AT&T").
package enum FeedPlainText {
    /// Text with paragraphs: descriptions, eligibility, notes.
    package static func plainText(_ text: String) -> String {
        isAlreadyPlain(text) ? text : rendered(text)
    }

    /// Text on one line: names, titles, single values. Line breaks become spaces.
    package static func singleLine(_ text: String) -> String {
        isAlreadyPlain(text) ? text : rendered(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Whether both readings return the text as it is: printable ASCII with no reference ("&"), tag
    /// ("<") or escaped line break ("\"), single spaces only and none at either end. Most names and
    /// many descriptions of a feed are such text, and each is different, so only this check helps them.
    static func isAlreadyPlain(_ text: String) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text.utf8 {
            guard byte >= 0x20, byte <= 0x7E, byte != UInt8(ascii: "&"), byte != UInt8(ascii: "<"),
                  byte != UInt8(ascii: "\\"), !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
        }
        // Not empty (previous is still the start's space) and no space at the end.
        return previous != 0x20
    }

    /// Every step, whether or not the text needs it (`plainText` skips this for text that is already plain).
    package static func rendered(_ text: String) -> String {
        var text = decodingReferences(text)
        text = MojibakeRepair.repair(text)
        text = replacingEscapedLineBreaks(text)
        let scalars = Array(text.unicodeScalars)
        guard HTMLTags.containsTag(scalars) else { return tidy(text, collapsingSpaces: false) }
        return tidy(renderHTML(scalars), collapsingSpaces: true)
    }

    // MARK: - Steps

    /// References inside references ("&amp;lt;" → "&lt;" → "<") are decoded level by level.
    private static func decodingReferences(_ text: String) -> String {
        var current = text
        for _ in 0..<4 {
            let decoded = HTMLEntities.decode(current)
            if decoded == current { break }
            current = decoded
        }
        return current
    }

    /// "\n" written as a backslash and an "n" (and "\r\n") by exports that escape line breaks.
    private static func replacingEscapedLineBreaks(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
        return text.replacing("\\r\\n", with: "\n").replacing("\\n", with: "\n").replacing("\\r", with: "\n")
    }

    /// Tags become line and paragraph breaks. When the text has block tags, its own white space is
    /// layout of the markup and collapses, as a browser shows it; with only inline tags ("<b>") its
    /// line breaks are the author's and stay.
    private static func renderHTML(_ scalars: [Unicode.Scalar]) -> String {
        let sourceBreaksCount = !HTMLTags.containsLayoutTag(scalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", let tag = HTMLTags.tag(in: scalars, at: index) {
                index += tag.length
                if tag.name == "!--" { continue }
                switch HTMLTags.layout(of: tag.name) {
                case .paragraph: endBlock(&output, newlines: 2)
                case .line where tag.name == "br": output.append("\n")
                case .line: endBlock(&output, newlines: 1)
                case .cell: output.append(" ")
                case .inline: break
                case .hidden:
                    guard !tag.isClosing else { break }
                    index = HTMLTags.firstIndex(of: "</", in: scalars, from: index).flatMap { close in
                        HTMLTags.tag(in: scalars, at: close).map { close + $0.length }
                    } ?? scalars.count
                }
            } else if scalar == "\n" || scalar == "\r" {
                output.append(sourceBreaksCount ? "\n" : " ")
                index += 1
            } else {
                output.append(scalar)
                index += 1
            }
        }
        return String(output)
    }

    /// Ends the current line (or paragraph) unless it already ended: "</li><li>" is one line break.
    /// Two "<br>" in a row are a blank line, so `<br>` does not come here.
    private static func endBlock(_ output: inout String.UnicodeScalarView, newlines: Int) {
        var trailing = 0
        for scalar in output.reversed() {
            if scalar == "\n" { trailing += 1 } else if scalar != " " { break }
        }
        for _ in trailing..<max(trailing, newlines) { output.append("\n") }
    }

    /// Lines without trailing white space (and, for HTML, without leading white space or runs of
    /// spaces), at most one blank line in a row, none at either end. Visible text is copied in runs.
    private static func tidy(_ text: String, collapsingSpaces: Bool) -> String {
        let scalars = text.unicodeScalars
        var output = ""
        var pendingSpaces = 0
        var pendingBreaks = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            var next = scalars.index(after: index)
            if isLineBreak(scalar) {
                // "\r\n" is one break.
                if scalar == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                pendingBreaks += 1
                pendingSpaces = 0
            } else if isSpace(scalar) {
                pendingSpaces += 1
            } else if !isInvisible(scalar) {
                while next < scalars.endIndex, isVisible(scalars[next]) { next = scalars.index(after: next) }
                if !output.isEmpty && pendingBreaks > 0 {
                    output += pendingBreaks == 1 ? "\n" : "\n\n"
                }
                let atLineStart = output.isEmpty || pendingBreaks > 0
                if pendingSpaces > 0 && !output.isEmpty && !(collapsingSpaces && atLineStart) {
                    output += String(repeating: " ", count: collapsingSpaces ? 1 : pendingSpaces)
                }
                output += Substring(scalars[index..<next])
                pendingSpaces = 0
                pendingBreaks = 0
            }
            index = next
        }
        return output
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || (!scalar.isASCII && scalar.properties.isWhitespace && !isLineBreak(scalar))
    }

    private static func isVisible(_ scalar: Unicode.Scalar) -> Bool {
        !isLineBreak(scalar) && !isSpace(scalar) && !isInvisible(scalar)
    }

    /// Zero-width characters, the soft hyphen and a stray byte-order mark carry nothing a reader sees.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD: true
        default: false
        }
    }
}
