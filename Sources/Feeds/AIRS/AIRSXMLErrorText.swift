/// Words for the parse errors people meet in 211 exports: libxml2's error number (`xmlParserErrors`)
/// is translated here and kept in the message.
enum AIRSXMLErrorText {
    /// - Parameters:
    ///   - openElement: the innermost record element still open and the line it started on, to point
    ///     at what was cut off.
    ///   - atEndOfFile: whether every byte had been read when the error came: a truncated file.
    static func message(forCode code: Int, openElement: (name: String, line: Int)?, atEndOfFile: Bool) -> String {
        var message = "the XML is malformed: \(description(ofLibxml2Code: code)) (libxml2 error \(code)); reading stopped here"
        if atEndOfFile, let openElement {
            message += ". The file ends inside <\(openElement.name)> opened at line \(openElement.line): it looks truncated"
        }
        return message
    }

    /// libxml2's namespace errors (200–209: an undeclared prefix, a malformed QName…) break the
    /// Namespaces in XML rules, not XML itself; the reader matches local names, so it reads on.
    static func isNamespaceError(code: Int) -> Bool {
        (200...209).contains(code)
    }

    /// libxml2's own words for a warning (it writes them in English), with its number.
    static func warning(code: Int, message: String) -> String {
        let words = message.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
        return "the XML parser warns: \(words.isEmpty ? "libxml2 warning" : words) (libxml2 warning \(code)); the file was still read"
    }

    static let namespaceWarning =
        "an element uses a namespace prefix the file never declares; elements are read by their names without prefix"

    private static func description(ofLibxml2Code code: Int) -> String {
        switch code {
        case 4: "the document is empty"
        case 5: "extra content or a premature end of the document"
        case 9: "a character that is not valid in the file's declared encoding (UTF-8 when the XML declaration names none); "
            + "re-export as UTF-8 or declare the real encoding, e.g. encoding=\"ISO-8859-1\""
        case 26: "an undeclared entity (escape '&' as '&amp;')"
        case 31, 32: "an encoding libxml2 does not support"
        case 38: "'<' inside an attribute value"
        case 39, 40: "a malformed attribute"
        case 68: "a name was expected (a stray '<' or '&'?)"
        case 73: "'>' expected"
        case 76: "a closing tag that does not match the open element"
        case 77: "an element that is never closed"
        default: "a syntax error"
        }
    }
}
