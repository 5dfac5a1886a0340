import Directory
import Foundation

/// The changes the fuzzer makes to a feed file: byte-level damage any file can suffer on its way from a
/// 211 or a coordinator's spreadsheet (cut off, re-encoded, line ends mixed, bytes flipped) and damage
/// that knows the format (quotes left open, elements nested thousands deep, entities that expand,
/// cells holding huge numbers or nonsense dates), so the readers' deeper code is reached, not only
/// their first check.
enum FeedMutation: String, CaseIterable, Sendable {
    // Any file
    case truncate, deleteRange, duplicateRange, flipBits, insertInvalidUTF8, insertNUL, insertHugeNumber
    case insertBOM, mixLineEnds, reencodeLatin1, enormousField, insertNastyText, spliceOtherFile
    // CSV
    case unbalancedQuote, extraDelimiters, nastyCell, duplicateRows, shuffleHeader, blankHeaderCell, manyRows
    // XML
    case deepNesting, unbalancedTag, strayClosingTag, entityExpansion, unterminatedConstruct, duplicateElement
    case nastyElementText, hugeAttribute
    // JSON (datapackage.json)
    case jsonResourcePath, jsonDeepNesting, jsonWrongTypes

    enum Format: Sendable { case csv, xml, json, binary }

    static func mutations(for format: Format) -> [FeedMutation] {
        let anyFile: [FeedMutation] = [
            .truncate, .deleteRange, .duplicateRange, .flipBits, .insertInvalidUTF8, .insertNUL, .insertHugeNumber,
            .insertBOM, .mixLineEnds, .reencodeLatin1, .enormousField, .insertNastyText, .spliceOtherFile,
        ]
        switch format {
        case .csv:
            return anyFile + [.unbalancedQuote, .extraDelimiters, .nastyCell, .nastyCell, .nastyCell, .duplicateRows,
                              .shuffleHeader, .blankHeaderCell, .manyRows]
        case .xml:
            return anyFile + [.deepNesting, .unbalancedTag, .strayClosingTag, .entityExpansion, .unterminatedConstruct,
                              .duplicateElement, .nastyElementText, .nastyElementText, .nastyElementText, .hugeAttribute]
        case .json:
            return anyFile + [.jsonResourcePath, .jsonResourcePath, .jsonDeepNesting, .jsonWrongTypes]
        case .binary:
            return [.truncate, .deleteRange, .duplicateRange, .flipBits, .flipBits, .insertNUL, .spliceOtherFile]
        }
    }
}

/// Applies mutations to a file's bytes. Sizes are bounded (an enormous field is at most 256 KiB, nesting
/// at most 50,000 deep) so a few hundred cases stay within the test suite's time budget.
struct FeedMutator {
    var random: SeededRandom
    /// Other files of the corpus, for splicing.
    let donors: [[UInt8]]

    /// Cell and element texts the vocabulary readers must survive: huge and negative numbers, reversed
    /// ranges, impossible dates and times, entities naming no character, markup, right-to-left marks.
    static let nastyTexts: [String] = [
        "99999999999999999999999999", "-9223372036854775808", "9223372036854775807", "18446744073709551616",
        "1e308", "-1e309", "NaN", "nan", "inf", "-0", "-3", "151", "18.5", "0x7fffffff", "4294967296",
        "ages 99999999999999999999-5", "grades 12-K", "grades 13 through 2", "K-99", "birth to 999999999999 years",
        "5-3 years", "0-0", "-5--1", "18+", "up to -4", "age 9223372036854775807",
        "5/8/12 8:45", "99/99/9999", "2/30/2024", "0/0/0", "13/1/99999999999999999999", "2024-13-45", "1899-12-31",
        "31.02.2024", "12345678901234567890/1/2024", "1/98765432109876543210/2024", "2024-99-99999999999999999999", "9999-99-99T99:99:99Z", "12/31/99999999999999999999999999 25:61",
        "Mo-Fr 9-5", "24:00-00:00", "Mon 9999:99-8888:88", "Sun-Sat 12am-12am", "Tu-Mo 25:00-26:00", "mon-", "-fri 9",
        "$-5", "$99999999999999999999.99", "free; $", "sliding scale 100%-0%", "&#xFFFFFFFF;", "&#0;", "&#x110000;",
        "&#55296;", "&#99999999999999999999;", "&amp;amp;amp;", "&#x;", "&;", "<p>unclosed", "<script>alert(1)</script>",
        "\u{202E}gnirts desrever", "\u{FEFF}", "\u{0}", "\u{FFFD}\u{FFFD}", "e\u{301}\u{301}\u{301}\u{301}",
        "Ã©Ã¨Ã¯", "â€™â€œâ€", "English; ; ;;; Spanish", "Creole (Haitian) (Kreyol", "((((((((", "))))))",
        "Yes No Maybe", ";", ",", "\t", "\"", "''", "47.1,-122.9", "north", "-91", "181.5", "1e400",
    ]

    /// Bytes that are not UTF-8: a lone continuation, an overlong slash, a surrogate, a cut-off emoji,
    /// bytes never valid, and a lead byte at the very end.
    static let invalidUTF8: [[UInt8]] = [
        [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98], [0xFF, 0xFE], [0xC3], [0xF5, 0x80, 0x80, 0x80],
        [0xE9], [0x96], [0xC3, 0x28], [0xE2, 0x82],
    ]

    /// What one repeating mutation may add, so inputs stay a few megabytes at most.
    static let maxAddedBytes = 4 << 20

    static let hugeNumbers: [String] = [
        "99999999999999999999999999999999", "-99999999999999999999", "18446744073709551616", "1e999",
        "340282366920938463463374607431768211456", "0.0000000000000000000000000001e-400",
    ]

    mutating func mutate(_ input: [UInt8], with mutation: FeedMutation) -> [UInt8] {
        var bytes = input
        switch mutation {
        case .truncate:
            bytes = Array(bytes.prefix(random.below(bytes.count + 1)))
        case .deleteRange:
            let range = randomRange(in: bytes, maxLength: 512)
            bytes.removeSubrange(range)
        case .duplicateRange:
            let range = randomRange(in: bytes, maxLength: 4_096)
            let copies = random.chance(0.2) ? 1 + random.below(50) : 1
            let slice = Array(bytes[range])
            bytes.insert(contentsOf: Array([[UInt8]](repeating: slice, count: copies).joined()), at: randomOffset(in: bytes))
        case .flipBits:
            for _ in 0..<(1 + random.below(8)) where !bytes.isEmpty {
                bytes[random.below(bytes.count)] ^= UInt8(1 << random.below(8))
            }
        case .insertInvalidUTF8:
            for _ in 0..<(1 + random.below(4)) {
                bytes.insert(contentsOf: random.pick(Self.invalidUTF8), at: randomOffset(in: bytes))
            }
            if random.chance(0.2) { bytes.append(0xC3) }
        case .insertNUL:
            let count = random.chance(0.1) ? 1 + random.below(10_000) : 1 + random.below(4)
            bytes.insert(contentsOf: [UInt8](repeating: 0, count: count), at: randomOffset(in: bytes))
        case .insertHugeNumber:
            bytes.insert(contentsOf: Array(random.pick(Self.hugeNumbers).utf8), at: randomOffset(in: bytes))
        case .insertBOM:
            let boms: [[UInt8]] = [[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xEF, 0xBB]]
            bytes.insert(contentsOf: random.pick(boms), at: random.chance(0.7) ? 0 : randomOffset(in: bytes))
        case .mixLineEnds:
            bytes = mixLineEnds(bytes)
        case .reencodeLatin1:
            bytes = reencodeLatin1(bytes)
        case .enormousField:
            // Cells are read in time linear in their length (about 1 s per 100 KB of an ages cell
            // full of punctuation); 256 KiB keeps a few hundred cases within the suite's budget.
            let length = random.chance(0.1) ? 1 << 18 : 1_000 + random.below(30_000)
            let filler: [UInt8] = random.pick([Array("a".utf8), Array("é".utf8), Array("9".utf8), Array(" ".utf8), Array("ab, c;".utf8)])
            var field: [UInt8] = []
            field.reserveCapacity(length + filler.count)
            while field.count < length { field += filler }
            bytes.insert(contentsOf: field, at: randomOffset(in: bytes))
        case .insertNastyText:
            bytes.insert(contentsOf: Array(random.pick(Self.nastyTexts).utf8), at: randomOffset(in: bytes))
        case .spliceOtherFile:
            let donor = random.pick(donors)
            let range = randomRange(in: donor, maxLength: 2_048)
            bytes.insert(contentsOf: donor[range], at: randomOffset(in: bytes))

        case .unbalancedQuote:
            for _ in 0..<(1 + random.below(3)) { bytes.insert(UInt8(ascii: "\""), at: randomOffset(in: bytes)) }
        case .extraDelimiters:
            let delimiter = random.pick([UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")])
            let count = random.chance(0.1) ? 1 + random.below(5_000) : 1 + random.below(5)
            bytes.insert(contentsOf: [UInt8](repeating: delimiter, count: count), at: randomOffset(in: bytes))
        case .nastyCell:
            bytes = replaceCell(bytes)
        case .duplicateRows:
            var lines = splitLines(bytes)
            guard lines.count > 1 else { break }
            let row = lines[1 + random.below(lines.count - 1)]
            for _ in 0..<(1 + random.below(3)) { lines.insert(row, at: 1 + random.below(lines.count)) }
            bytes = joinLines(lines)
        case .shuffleHeader:
            var lines = splitLines(bytes)
            guard !lines.isEmpty else { break }
            var cells = lines[0].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
            if random.chance(0.5) { cells.shuffle(using: &random) } else if !cells.isEmpty {
                cells.append(cells[random.below(cells.count)])  // a column named twice
            }
            lines[0] = Array(cells.joined(separator: [UInt8(ascii: ",")]))
            bytes = joinLines(lines)
        case .blankHeaderCell:
            var lines = splitLines(bytes)
            guard !lines.isEmpty else { break }
            var cells = lines[0].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
            if !cells.isEmpty { cells[random.below(cells.count)] = random.chance(0.5) ? [] : Array("  ".utf8) }
            lines[0] = Array(cells.joined(separator: [UInt8(ascii: ",")]))
            bytes = joinLines(lines)
        case .manyRows:
            var lines = splitLines(bytes)
            guard lines.count > 1 else { break }
            let row = lines[1 + random.below(lines.count - 1)]
            // Bounded in bytes too: a thousand copies of a row holding an enormous field would be a
            // 250 MB file, which measures the disk rather than the reader.
            let count = Swift.min(100 + random.below(1_000), Self.maxAddedBytes / Swift.max(row.count, 1))
            lines += [[UInt8]](repeating: row, count: count)
            bytes = joinLines(lines)

        case .deepNesting:
            let depth = random.pick([300, 1_000, 10_000, 50_000])
            let name = random.pick(["a", "Site", "Agency", "Name", "x:y"])
            let open = Array("<\(name)>".utf8), close = Array("</\(name)>".utf8)
            let closes = random.chance(0.7)
            var nest = Array([[UInt8]](repeating: open, count: depth).joined())
            if closes { nest += Array([[UInt8]](repeating: close, count: depth).joined()) }
            bytes.insert(contentsOf: nest, at: tagBoundary(in: bytes))
        case .unbalancedTag:
            // Remove one closing tag, so an element never ends.
            if let range = randomTag(in: bytes, closing: true) { bytes.removeSubrange(range) }
        case .strayClosingTag:
            let name = random.pick(["Site", "Agency", "SiteService", "Source", "Name", "Key"])
            bytes.insert(contentsOf: Array("</\(name)>".utf8), at: tagBoundary(in: bytes))
        case .entityExpansion:
            bytes = addEntities(bytes)
        case .unterminatedConstruct:
            let opener = random.pick(["<![CDATA[", "<!--", "<?pi ", "<", "<Name attr=\"", "&amp", "<!DOCTYPE x [", "</"])
            bytes.insert(contentsOf: Array(opener.utf8), at: tagBoundary(in: bytes))
        case .duplicateElement:
            if let range = randomElement(in: bytes) {
                let element = Array(bytes[range])
                let copies = Swift.min(random.chance(0.1) ? 100 + random.below(400) : 1 + random.below(3),
                                       Swift.max(1, Self.maxAddedBytes / Swift.max(element.count, 1)))
                bytes.insert(contentsOf: Array([[UInt8]](repeating: element, count: copies).joined()), at: range.upperBound)
            }
        case .nastyElementText:
            bytes = replaceElementText(bytes)
        case .hugeAttribute:
            let value = String(repeating: random.pick(["a", "&amp;", "é", "&#x41;"]), count: 1_000 + random.below(200_000))
            if let range = randomTag(in: bytes, closing: false), range.count > 2 {
                bytes.insert(contentsOf: Array(" huge=\"\(value)\"".utf8), at: range.upperBound - 1)
            }

        case .jsonResourcePath:
            let path = random.pick([
                "../../../../etc/passwd", "/etc/passwd", "", ".", "data", "services.csv/", "./././organizations.csv",
                "http://example.org/services.csv", "nul\u{0}.csv", "C:\\\\services.csv", "organizations.csv",
                "services.csv", String(repeating: "a/", count: 3_000) + "x.csv",
            ])
            bytes = replaceJSONPath(bytes, with: path)
        case .jsonDeepNesting:
            let depth = random.pick([100, 1_000, 100_000])
            let nest = String(repeating: "[", count: depth) + String(repeating: "]", count: random.chance(0.5) ? depth : 0)
            bytes = Array("{\"resources\": \(nest)}".utf8)
        case .jsonWrongTypes:
            bytes = Array(random.pick([
                "{\"resources\": {}}", "{\"resources\": [1, \"x\", null, {\"path\": 5, \"name\": []}]}", "[]", "null",
                "{\"resources\": [{\"name\": \"services\", \"path\": [\"services.csv\", 7]}]}", "{}", "",
                "{\"resources\": [{\"name\": \"organizations\", \"path\": []}]}", "\u{FEFF}{\"resources\": []}",
            ]).utf8)
        }
        return bytes
    }

    // MARK: - Helpers

    private mutating func randomOffset(in bytes: [UInt8]) -> Int { random.below(bytes.count + 1) }

    private mutating func randomRange(in bytes: [UInt8], maxLength: Int) -> Range<Int> {
        let start = random.below(bytes.count + 1)
        let length = random.below(Swift.min(maxLength, bytes.count - start) + 1)
        return start..<(start + length)
    }

    private mutating func mixLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 16)
        let style = random.below(4)  // all CRLF, all CR, random mix, LF+CRLF+CR per line
        for byte in bytes {
            guard byte == UInt8(ascii: "\n") else { output.append(byte); continue }
            let choice = style == 3 ? random.below(3) : style == 2 ? (random.chance(0.5) ? 0 : 2) : style
            switch choice {
            case 0: output += [0x0D, 0x0A]
            case 1: output.append(0x0D)
            default: output.append(0x0A)
            }
        }
        return output
    }

    /// UTF-8 text written out again as Latin-1, as a Windows spreadsheet saves it; characters Latin-1
    /// lacks become "?". Sometimes only part of the file, so both encodings meet in one file.
    private mutating func reencodeLatin1(_ bytes: [UInt8]) -> [UInt8] {
        let cut = random.chance(0.5) ? 0 : random.below(bytes.count + 1)
        let head = Array(bytes[..<cut])
        let tail = String(decoding: bytes[cut...], as: UTF8.self)
        return head + tail.unicodeScalars.map { $0.value < 0x100 ? UInt8($0.value) : UInt8(ascii: "?") }
    }

    private func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    private func joinLines(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    /// Replaces one cell of a data row with a nasty text, quoted when it holds a delimiter or quote.
    private mutating func replaceCell(_ bytes: [UInt8]) -> [UInt8] {
        var lines = splitLines(bytes)
        guard lines.count > 1 else { return bytes }
        let index = 1 + random.below(lines.count - 1)
        var cells = lines[index].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
        guard !cells.isEmpty else { return bytes }
        let header = lines[0].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self).lowercased() }
        let interpreted = header.indices.filter { index in
            index < cells.count && Self.interpretedColumnWords.contains { header[index].contains($0) }
        }
        let column = !interpreted.isEmpty && random.chance(0.5) ? random.pick(interpreted) : random.below(cells.count)
        let text = random.pick(Self.nastyTexts)
        let needsQuotes = text.contains(",") || text.contains("\"") || text.contains("\n")
        let cell = needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        cells[column] = Array(cell.utf8)
        lines[index] = Array(cells.joined(separator: [UInt8(ascii: ",")]))
        return joinLines(lines)
    }

    /// Columns whose cells a reader interprets (ages, coordinates, dates, hours, costs, languages, counts,
    /// Closeloop's own export columns), in the English and Spanish headers of the corpus.
    static let interpretedColumnWords = [
        "age", "edad", "min", "max", "lat", "lon", "radius", "wait", "espera", "capacity", "date", "verified", "verificado",
        "checked", "modified", "hours", "horario", "schedule", "opens", "closes", "cost", "costo", "fee", "amount", "language",
        "idioma", "phone", "zip", "postal", "status", "interpret", "enrollment", "inscrip", "x_closeloop", "taxonomy", "code",
    ]

    /// Offset just before a random `<`, so inserted markup lands between elements.
    private mutating func tagBoundary(in bytes: [UInt8]) -> Int {
        let starts = bytes.indices.filter { bytes[$0] == UInt8(ascii: "<") }
        return starts.isEmpty ? randomOffset(in: bytes) : random.pick(starts)
    }

    /// A random start or end tag (`<Name ...>` or `</Name>`).
    private mutating func randomTag(in bytes: [UInt8], closing: Bool) -> Range<Int>? {
        let starts = bytes.indices.filter { index in
            bytes[index] == UInt8(ascii: "<") && index + 1 < bytes.count
                && (closing ? bytes[index + 1] == UInt8(ascii: "/") : isNameStart(bytes[index + 1]))
        }
        guard !starts.isEmpty else { return nil }
        let start = random.pick(starts)
        guard let end = bytes[start...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        return start..<(end + 1)
    }

    /// A whole element from its start tag to the matching end tag (found by name; nesting of the same
    /// name is rare in AIRS and tolerated).
    private mutating func randomElement(in bytes: [UInt8]) -> Range<Int>? {
        guard let tag = randomTag(in: bytes, closing: false) else { return nil }
        let name = bytes[(tag.lowerBound + 1)..<tag.upperBound].prefix { isNameStart($0) || $0 == UInt8(ascii: ":") || (0x30...0x39).contains($0) }
        let close = Array("</".utf8) + name + [UInt8(ascii: ">")]
        guard let end = find(close, in: bytes, from: tag.upperBound) else { return nil }
        return tag.lowerBound..<(end + close.count)
    }

    /// Elements whose text a reader interprets rather than copies (dates, ages, coordinates, hours,
    /// languages, fees): half the replacements aim at these, where a parser can trip.
    static let interpretedElementWords = [
        "date", "age", "min", "max", "latitude", "longitude", "hours", "day", "time", "language", "fee", "zip", "postal",
        "phone", "code", "taxonomy", "eligib", "status", "confidential", "exclude", "year", "week",
    ]

    /// Replaces the text of a random leaf element (`<X>text</X>`) with a nasty text, escaped as XML.
    private mutating func replaceElementText(_ bytes: [UInt8]) -> [UInt8] {
        var leaves: [(range: Range<Int>, name: String)] = []
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: ">")) {
            let after = open + 1
            guard after < bytes.count, let next = bytes[after...].firstIndex(of: UInt8(ascii: "<")) else { break }
            if next + 1 < bytes.count, bytes[next + 1] == UInt8(ascii: "/") {
                let nameStart = next + 2
                let name = bytes[nameStart...].prefix { $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: " ") }
                leaves.append((after..<next, String(decoding: name, as: UTF8.self).lowercased()))
            }
            index = next
        }
        let interpreted = leaves.filter { leaf in Self.interpretedElementWords.contains { leaf.name.contains($0) } }
        let candidates = !interpreted.isEmpty && random.chance(0.5) ? interpreted : leaves
        guard !candidates.isEmpty else { return bytes }
        let text = random.pick(Self.nastyTexts)
        let escaped = random.chance(0.8)
            ? text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") : text
        var output = bytes
        output.replaceSubrange(random.pick(candidates).range, with: Array(escaped.utf8))
        return output
    }

    /// A DOCTYPE declaring entities that expand exponentially ("billion laughs") or refer to outside
    /// files, used in an element's text. The reader must neither expand nor fetch them.
    private mutating func addEntities(_ bytes: [UInt8]) -> [UInt8] {
        var declarations = "<!ENTITY e0 \"laugh\">"
        for level in 1...10 {
            declarations += "<!ENTITY e\(level) \"" + String(repeating: "&e\(level - 1);", count: 10) + "\">"
        }
        declarations += "<!ENTITY file SYSTEM \"file:///etc/passwd\"><!ENTITY web SYSTEM \"http://127.0.0.1:9/x\">"
        declarations += "<!ENTITY % param \"<!ENTITY loop '&loop;'>\">"
        let use = random.pick(["&e10;", "&file;", "&web;", "&loop;", "&undefined;", "&e5;&e5;&e5;"])
        var output = bytes
        if let leafStart = output.firstIndex(of: UInt8(ascii: ">")), random.chance(0.5) {
            // Inside the root's first element text as well as in the DOCTYPE.
            output.insert(contentsOf: Array(use.utf8), at: leafStart + 1)
        }
        let rootName = firstElementName(in: output) ?? "Source"
        let doctype = Array("<!DOCTYPE \(rootName) [\(declarations)]>\n".utf8)
        let prologEnd = find(Array("?>".utf8), in: output, from: 0).map { $0 + 2 } ?? 0
        output.insert(contentsOf: doctype, at: Swift.min(prologEnd, output.count))
        if let anyLeaf = find(Array("</Name>".utf8), in: output, from: 0) {
            output.insert(contentsOf: Array(use.utf8), at: anyLeaf)
        }
        return output
    }

    /// Points one `"path": "..."` of a datapackage.json somewhere else.
    private mutating func replaceJSONPath(_ bytes: [UInt8], with path: String) -> [UInt8] {
        let key = Array("\"path\"".utf8)
        var starts: [Int] = []
        var from = 0
        while let found = find(key, in: bytes, from: from) { starts.append(found); from = found + key.count }
        guard !starts.isEmpty else { return bytes }
        let keyStart = random.pick(starts)
        guard let open = bytes[(keyStart + key.count)...].firstIndex(of: UInt8(ascii: "\"")),
              let close = bytes[(open + 1)...].firstIndex(of: UInt8(ascii: "\"")) else { return bytes }
        var output = bytes
        let escaped = path.replacingOccurrences(of: "\u{0}", with: "\\u0000")
        output.replaceSubrange((open + 1)..<close, with: Array(escaped.utf8))
        return output
    }

    private func firstElementName(in bytes: [UInt8]) -> String? {
        var index = 0
        while let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) {
            if open + 1 < bytes.count, isNameStart(bytes[open + 1]) {
                let name = bytes[(open + 1)...].prefix { isNameStart($0) || (0x30...0x39).contains($0) }
                return String(decoding: name, as: UTF8.self)
            }
            index = open + 1
        }
        return nil
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == UInt8(ascii: "_")
    }

    private func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
