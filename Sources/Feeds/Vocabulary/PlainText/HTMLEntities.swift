/// HTML character references: `&amp;`, `&rsquo;`, `&#39;`, `&#x2019;`. Only references that end in ";"
/// and name a known entity are replaced, so "AT&T" and "R&D;" stay as written.
enum HTMLEntities {
    /// Replaces one level of references: "&amp;lt;" becomes "&lt;", not "<".
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if scalars[index] == "&", let (replacement, length) = reference(in: scalars, at: index) {
                result.append(contentsOf: replacement.unicodeScalars)
                index += length
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// Whether the text holds at least one reference `decode` would replace.
    static func containsReference(_ text: String) -> Bool {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return false }
        let scalars = Array(text.unicodeScalars)
        return scalars.indices.contains { scalars[$0] == "&" && reference(in: scalars, at: $0) != nil }
    }

    /// The text a reference at `start` stands for and how many scalars it spans.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        // Names are short; a long run without ";" is not a reference.
        let limit = min(scalars.count, start + 12)
        guard let end = (start + 1..<limit).first(where: { scalars[$0] == ";" }), end > start + 1 else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(start + 1)..<end]))
        if body.hasPrefix("#") {
            guard let scalar = numericScalar(String(body.dropFirst())) else { return nil }
            return (String(scalar), end - start + 1)
        }
        guard let value = named[body] else { return nil }
        return (String(Unicode.Scalar(value)!), end - start + 1)
    }

    /// "39" or "x2019". Numbers 128–159 are Windows-1252 characters, as HTML reads them.
    private static func numericScalar(_ body: String) -> Unicode.Scalar? {
        let value: UInt32?
        if body.hasPrefix("x") || body.hasPrefix("X") {
            value = UInt32(body.dropFirst(), radix: 16)
        } else {
            value = body.allSatisfy(\.isASCII) ? UInt32(body) : nil
        }
        guard let value, value > 0 else { return nil }
        if (0x80...0x9F).contains(value) {
            return WindowsCodePages.windows1252[Int(value)]
        }
        return Unicode.Scalar(value)
    }

    /// Named references feeds use: markup, spaces and punctuation, and the Latin letters.
    private static let named: [String: UInt32] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
        "nbsp": 0xA0, "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C, "zwj": 0x200D, "shy": 0xAD,
        "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A, "ldquo": 0x201C,
        "rdquo": 0x201D, "bdquo": 0x201E, "hellip": 0x2026, "bull": 0x2022, "middot": 0xB7, "laquo": 0xAB,
        "raquo": 0xBB, "lsaquo": 0x2039, "rsaquo": 0x203A, "dagger": 0x2020, "Dagger": 0x2021, "permil": 0x2030,
        "prime": 0x2032, "Prime": 0x2033, "circ": 0x2C6, "tilde": 0x2DC,
        "copy": 0xA9, "reg": 0xAE, "trade": 0x2122, "deg": 0xB0, "plusmn": 0xB1, "times": 0xD7, "divide": 0xF7,
        "frac12": 0xBD, "frac14": 0xBC, "frac34": 0xBE, "sup1": 0xB9, "sup2": 0xB2, "sup3": 0xB3, "micro": 0xB5,
        "cent": 0xA2, "pound": 0xA3, "euro": 0x20AC, "yen": 0xA5, "curren": 0xA4, "sect": 0xA7, "para": 0xB6,
        "iexcl": 0xA1, "iquest": 0xBF, "ordf": 0xAA, "ordm": 0xBA, "not": 0xAC, "macr": 0xAF, "acute": 0xB4,
        "cedil": 0xB8, "uml": 0xA8, "brvbar": 0xA6, "larr": 0x2190, "rarr": 0x2192, "check": 0x2713,
        "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2, "Atilde": 0xC3, "Auml": 0xC4, "Aring": 0xC5, "AElig": 0xC6,
        "Ccedil": 0xC7, "Egrave": 0xC8, "Eacute": 0xC9, "Ecirc": 0xCA, "Euml": 0xCB, "Igrave": 0xCC, "Iacute": 0xCD,
        "Icirc": 0xCE, "Iuml": 0xCF, "ETH": 0xD0, "Ntilde": 0xD1, "Ograve": 0xD2, "Oacute": 0xD3, "Ocirc": 0xD4,
        "Otilde": 0xD5, "Ouml": 0xD6, "Oslash": 0xD8, "Ugrave": 0xD9, "Uacute": 0xDA, "Ucirc": 0xDB, "Uuml": 0xDC,
        "Yacute": 0xDD, "THORN": 0xDE, "szlig": 0xDF,
        "agrave": 0xE0, "aacute": 0xE1, "acirc": 0xE2, "atilde": 0xE3, "auml": 0xE4, "aring": 0xE5, "aelig": 0xE6,
        "ccedil": 0xE7, "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA, "euml": 0xEB, "igrave": 0xEC, "iacute": 0xED,
        "icirc": 0xEE, "iuml": 0xEF, "eth": 0xF0, "ntilde": 0xF1, "ograve": 0xF2, "oacute": 0xF3, "ocirc": 0xF4,
        "otilde": 0xF5, "ouml": 0xF6, "oslash": 0xF8, "ugrave": 0xF9, "uacute": 0xFA, "ucirc": 0xFB, "uuml": 0xFC,
        "yacute": 0xFD, "thorn": 0xFE, "yuml": 0xFF,
        "OElig": 0x152, "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161, "Yuml": 0x178, "fnof": 0x192,
    ]
}
