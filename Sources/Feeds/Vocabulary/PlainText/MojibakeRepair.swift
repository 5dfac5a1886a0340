/// Repairs UTF-8 text that some step decoded as Windows-1252 or CP-437: "â€™" → "’", "Ã©" → "é",
/// "ΓÇÖ" (and "GÇÖ", where the Γ was flattened to G) → "’".
///
/// A group of characters is replaced only when their bytes in one code page form one valid UTF-8
/// character of a kind that plausibly stood there (a Latin letter, punctuation, a symbol, an emoji,
/// or a run of CJK characters). Real accented text survives: in "Niños" the "ñ" would have to be a
/// UTF-8 lead byte followed by continuation bytes, and "o" is not one.
enum MojibakeRepair {
    static func repair(_ text: String) -> String {
        // Twice-broken text ("Ã¢â‚¬â„¢") needs a second pass.
        var current = text
        for _ in 0..<3 {
            let repaired = repairOnce(current)
            if repaired == current { break }
            current = repaired
        }
        return current
    }

    /// Whether `repair` would change the text.
    static func needsRepair(_ text: String) -> Bool {
        repairOnce(text) != text
    }

    private static func repairOnce(_ text: String) -> String {
        // Mojibake is made of non-ASCII characters; plain ASCII text is left as it is.
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        let scalars = Array(text.unicodeScalars)
        var result = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let (decoded, length) = decodedRun(in: scalars, at: index) {
                result.append(contentsOf: decoded)
                index += length
            } else {
                result.append(scalars[index])
                index += 1
            }
        }
        return String(result)
    }

    /// The characters a mis-decoded run starting at `start` stood for, and how many scalars it spans.
    private static func decodedRun(in scalars: [Unicode.Scalar], at start: Int) -> ([Unicode.Scalar], Int)? {
        for codePage in CodePage.allCases {
            guard let first = sequence(in: scalars, at: start, codePage: codePage) else { continue }
            // CJK text is accepted only as a run of at least two characters: a single one is too
            // easily an accident ("é…”" is also a valid UTF-8 sequence).
            if isPlausibleAlone(first.scalar) { return ([first.scalar], first.length) }
            guard isCJK(first.scalar) else { continue }
            var run = [first.scalar], length = first.length
            while let next = sequence(in: scalars, at: start + length, codePage: codePage), isCJK(next.scalar) {
                run.append(next.scalar)
                length += next.length
            }
            if run.count >= 2 { return (run, length) }
        }
        return nil
    }

    private enum CodePage: CaseIterable {
        case windows1252, cp437

        var bytes: [Unicode.Scalar: UInt8] {
            switch self {
            case .windows1252: WindowsCodePages.windows1252Bytes
            case .cp437: WindowsCodePages.cp437Bytes
            }
        }
    }

    /// One UTF-8 sequence spelled by the characters at `start` in the given code page.
    private static func sequence(
        in scalars: [Unicode.Scalar], at start: Int, codePage: CodePage
    ) -> (scalar: Unicode.Scalar, length: Int)? {
        guard start < scalars.count else { return nil }
        let table = codePage.bytes
        var lead = table[scalars[start]]
        // "GÇÖ": a CP-437 "Γ" (0xE2) flattened to an ASCII "G" before a continuation.
        if lead == nil, scalars[start] == "G", codePage == .cp437,
           start + 1 < scalars.count, table[scalars[start + 1]] == 0x80 || table[scalars[start + 1]] == 0x81 {
            lead = 0xE2
        }
        guard let lead else { return nil }
        let continuationCount: Int
        switch lead {
        case 0xC2...0xDF: continuationCount = 1
        case 0xE0...0xEF: continuationCount = 2
        case 0xF0...0xF4: continuationCount = 3
        default: return nil
        }
        guard start + continuationCount < scalars.count else { return nil }
        var bytes = [lead]
        for offset in 1...continuationCount {
            guard let byte = table[scalars[start + offset]], (0x80...0xBF).contains(byte) else { return nil }
            bytes.append(byte)
        }
        guard let scalar = decodeUTF8(bytes) else { return nil }
        // The flattened "G" only ever stood for general punctuation ("’", "–", "…").
        if scalars[start] == "G", !(0x2000...0x206F).contains(scalar.value) { return nil }
        return (scalar, continuationCount + 1)
    }

    /// One scalar from a complete UTF-8 sequence; nil for overlong forms, surrogates and values past U+10FFFF.
    private static func decodeUTF8(_ bytes: [UInt8]) -> Unicode.Scalar? {
        var value: UInt32
        let minimum: UInt32
        switch bytes.count {
        case 2: value = UInt32(bytes[0] & 0x1F); minimum = 0x80
        case 3: value = UInt32(bytes[0] & 0x0F); minimum = 0x800
        case 4: value = UInt32(bytes[0] & 0x07); minimum = 0x10000
        default: return nil
        }
        for byte in bytes.dropFirst() { value = value << 6 | UInt32(byte & 0x3F) }
        guard value >= minimum else { return nil }
        return Unicode.Scalar(value)
    }

    /// Characters a feed plausibly held where a single mis-decoded sequence stands: Latin letters and
    /// Latin-1 symbols, punctuation ("’", "–", "…"), currency, letterlike ("™"), arrows, shapes and
    /// dingbats ("•", "✓"), the byte-order mark, and emoji.
    private static func isPlausibleAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xA0...0x24F, 0x2000...0x206F, 0x20A0...0x20CF, 0x2100...0x21FF, 0x2500...0x27BF, 0xFEFF, 0x1F000...0x1FAFF: true
        default: false
        }
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3000...0x30FF, 0x3400...0x9FFF, 0xAC00...0xD7AF, 0xFF00...0xFFEF: true
        default: false
        }
    }
}
