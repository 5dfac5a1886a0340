/// Turns what feeds put in text fields into plain text: HTML (also escaped, or escaped twice, as
/// 211 exports write it: "&amp;lt;b&amp;gt;") becomes paragraphs and lines, character references
/// become characters, UTF-8 mis-decoded as Windows-1252 or CP-437 is repaired, and a literal "\n"
/// becomes a line break. Text with none of these passes through as it is ("5 < 6", "AT&T").
enum FeedPlainText {
    /// Text with paragraphs: descriptions, eligibility, notes.
    static func plainText(_ text: String) -> String {
        var text = decodingReferences(text)
        text = MojibakeRepair.repair(text)
        text = replacingEscapedLineBreaks(text)
        let scalars = Array(text.unicodeScalars)
        guard HTMLTags.containsTag(scalars) else { return tidy(text, collapsingSpaces: false) }
        return tidy(renderHTML(scalars), collapsingSpaces: true)
    }

    /// Text on one line: names, titles, single values. Line breaks become spaces.
    static func singleLine(_ text: String) -> String {
        plainText(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
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
        guard text.contains("\\") else { return text }
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

    /// Lines without trailing white space (and, for HTML, without runs of spaces), at most one blank
    /// line in a row, none at either end.
    private static func tidy(_ text: String, collapsingSpaces: Bool) -> String {
        var normalized = String.UnicodeScalarView()
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previous == "\r" { continue }
            previous = scalar
            if invisible.contains(scalar) { continue }
            if scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                normalized.append("\n")
            } else if scalar != "\n" && scalar.properties.isWhitespace {
                normalized.append(" ")
            } else {
                normalized.append(scalar)
            }
        }
        var lines: [Substring] = []
        for line in String(normalized).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = line
            while line.last == " " { line.removeLast() }
            if collapsingSpaces {
                line = Substring(line.split(separator: " ").joined(separator: " "))
            }
            if line.allSatisfy({ $0 == " " }) {
                if lines.last?.isEmpty == false { lines.append("") }
            } else {
                lines.append(line)
            }
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var result = lines.joined(separator: "\n")
        while result.first == " " { result.removeFirst() }
        return result
    }

    /// Zero-width characters, the soft hyphen and a stray byte-order mark carry nothing a reader sees.
    private static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{AD}"]
}
