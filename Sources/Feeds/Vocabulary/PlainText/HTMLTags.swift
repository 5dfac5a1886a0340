/// Finds HTML tags in feed text and says what each does to the layout of plain text. Only names of
/// real HTML elements count as tags, so "5 < 6" and "<age 18>" are text.
enum HTMLTags {
    struct Tag {
        let name: String
        let isClosing: Bool
        /// Scalars from "<" to ">" inclusive.
        let length: Int
    }

    enum Layout {
        /// Ends a paragraph: a blank line before what follows.
        case paragraph
        /// Ends a line.
        case line
        /// Separates table cells.
        case cell
        /// Nothing: inline formatting ("<b>", "<span>", "<a>").
        case inline
        /// Everything up to the closing tag is dropped ("<script>", "<style>").
        case hidden
    }

    /// The tag (or comment, reported with the name "!--") starting at `start`, if there is one.
    static func tag(in scalars: [Unicode.Scalar], at start: Int) -> Tag? {
        guard scalars[start] == "<", start + 1 < scalars.count else { return nil }
        if matches("<!--", scalars, at: start) {
            guard let end = firstIndex(of: "-->", in: scalars, from: start + 4) else { return nil }
            return Tag(name: "!--", isClosing: false, length: end + 3 - start)
        }
        var index = start + 1
        let isClosing = scalars[index] == "/"
        if isClosing { index += 1 }
        var name = ""
        while index < scalars.count, isNameScalar(scalars[index]) {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        name = name.lowercased()
        guard known.contains(name) || name.hasPrefix("o:") else { return nil }
        // Attributes, or "/" of a self-closing tag, until ">" (quoted ">" included).
        var quote: Unicode.Scalar?
        while index < scalars.count {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == ">" {
                return Tag(name: name, isClosing: isClosing, length: index + 1 - start)
            } else if scalar == "<" || index - start > 2000 {
                return nil
            } else if index == start + 1 + (isClosing ? 1 : 0) + name.unicodeScalars.count,
                      !(scalar.properties.isWhitespace || scalar == "/") {
                // "<bold>" is not "<b>" with attributes.
                return nil
            }
            index += 1
        }
        return nil
    }

    static func layout(of name: String) -> Layout {
        if paragraphTags.contains(name) { return .paragraph }
        if lineTags.contains(name) { return .line }
        if name == "td" || name == "th" { return .cell }
        if name == "script" || name == "style" || name == "head" || name == "title" { return .hidden }
        return .inline
    }

    /// Whether the text holds a tag that shapes paragraphs or lines; text with only inline tags keeps
    /// its own line breaks.
    static func containsLayoutTag(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.indices.contains { index in
            guard scalars[index] == "<", let tag = tag(in: scalars, at: index) else { return false }
            let layout = layout(of: tag.name)
            return layout == .paragraph || layout == .line || layout == .cell
        }
    }

    static func containsTag(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.indices.contains { scalars[$0] == "<" && tag(in: scalars, at: $0) != nil }
    }

    static func matches(_ text: String, _ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        let needle = Array(text.unicodeScalars)
        guard start + needle.count <= scalars.count else { return false }
        return needle.indices.allSatisfy { scalars[start + $0] == needle[$0] }
    }

    static func firstIndex(of text: String, in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while index < scalars.count {
            if matches(text, scalars, at: index) { return index }
            index += 1
        }
        return nil
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") || scalar == ":"
    }

    private static let paragraphTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "hr",
        "section", "article", "header", "footer", "address", "figure", "main", "aside", "nav", "form", "fieldset",
    ]
    private static let lineTags: Set<String> = ["br", "li", "div", "tr", "dt", "dd", "center", "caption", "option", "body"]

    private static let known: Set<String> = [
        "a", "abbr", "acronym", "address", "article", "aside", "b", "basefont", "bdi", "bdo", "big", "blockquote", "body",
        "br", "button", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div", "dl", "dt",
        "em", "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
        "header", "hr", "html", "i", "img", "input", "ins", "kbd", "label", "li", "link", "main", "mark", "meta", "nav",
        "ol", "option", "p", "pre", "q", "s", "samp", "script", "section", "small", "span", "strike", "strong", "style",
        "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "tt", "u", "ul", "var", "wbr",
    ]
}
