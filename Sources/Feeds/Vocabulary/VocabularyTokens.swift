import Foundation

/// A text cut into the pieces the vocabulary readers reason about: lower-case words with accents
/// folded ("Español" → "espanol"), whole numbers ("6th" is the ordinal 6) and single marks
/// ("-", "$", ",", a line break). Every kind of dash reads as "-" and every apostrophe as "'".
package struct VocabularyTokens {
    struct Token: Hashable {
        enum Kind: Hashable { case word, number, mark }

        let kind: Kind
        /// The folded word, the digits, or the mark itself.
        let text: String
        /// A number's value.
        let number: Int?
        /// "6th", "1st": a number written as an ordinal.
        let isOrdinal: Bool
        /// Whether white space separates this token from the one before.
        let followsSpace: Bool
        /// Where the token stands in the text's scalars, for naming it back as written.
        let span: Range<Int>

        var isWord: Bool { kind == .word }
        var isNumber: Bool { kind == .number }
    }

    let tokens: [Token]
    /// Every token's text, so a phrase whose first word is absent is rejected without a scan.
    private let texts: Set<String>
    private let scalars: [Unicode.Scalar]

    package init(_ text: String) {
        scalars = Array(text.unicodeScalars)
        tokens = Self.cut(scalars)
        texts = Set(tokens.map(\.text))
    }

    var count: Int { tokens.count }
    var indices: Range<Int> { tokens.indices }
    subscript(index: Int) -> Token { tokens[index] }

    /// The token's text, or "" past either end, so patterns can look around without bounds checks.
    func text(at index: Int) -> String {
        tokens.indices.contains(index) ? tokens[index].text : ""
    }

    func number(at index: Int) -> Int? {
        tokens.indices.contains(index) ? tokens[index].number : nil
    }

    /// Whether some token reads `text`.
    func has(_ text: String) -> Bool { texts.contains(text) }

    /// Whether the tokens from `index` on spell `phrase` (already tokenized with `phrase(_:)`).
    func matches(_ phrase: [String], at index: Int) -> Bool {
        guard index >= 0, index + phrase.count <= tokens.count else { return false }
        for offset in phrase.indices where tokens[index + offset].text != phrase[offset] { return false }
        return true
    }

    /// Every start index of `phrase`.
    func occurrences(of phrase: [String]) -> [Int] {
        guard let first = phrase.first, texts.contains(first), tokens.count >= phrase.count else { return [] }
        return (0...(tokens.count - phrase.count)).filter { matches(phrase, at: $0) }
    }

    func contains(_ phrase: [String]) -> Bool {
        guard let first = phrase.first, texts.contains(first), tokens.count >= phrase.count else { return false }
        return (0...(tokens.count - phrase.count)).contains { matches(phrase, at: $0) }
    }

    /// The tokens from `start` to `end` as the text wrote them.
    func original(_ start: Int, _ end: Int) -> String {
        let first = max(0, start), last = min(end, tokens.count)
        guard first < last else { return "" }
        return String(String.UnicodeScalarView(scalars[tokens[first].span.lowerBound..<tokens[last - 1].span.upperBound]))
    }

    /// Marks that end a clause: what a "no" or a "not" says stops there.
    static let clauseEnds: Set<String> = [".", ";", "!", "?", ":", "\n", "(", ")"]

    /// Whether a clause ends between `start` and `end` (exclusive of both).
    func clauseEnds(between start: Int, and end: Int) -> Bool {
        guard start + 1 < end else { return false }
        return (start + 1..<end).contains { Self.clauseEnds.contains(tokens[$0].text) }
    }

    /// A phrase written as text, cut the same way as the texts it is looked for in.
    static func phrase(_ text: String) -> [String] {
        VocabularyTokens(text).tokens.map(\.text)
    }

    // MARK: - Cutting

    private static func cut(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(scalars.count / 4)
        var index = 0
        var followsSpace = true
        func add(_ kind: Token.Kind, _ text: String, _ end: Int, number: Int? = nil, isOrdinal: Bool = false) {
            tokens.append(Token(
                kind: kind, text: text, number: number, isOrdinal: isOrdinal, followsSpace: followsSpace, span: index..<end))
            followsSpace = false
            index = end
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                add(.mark, "\n", index + 1)
                followsSpace = true
            } else if isSpace(scalar) {
                followsSpace = true
                index += 1
            } else if isDigit(scalar) {
                var value = 0, end = index
                var digits: [UInt8] = []
                while end < scalars.count, isDigit(scalars[end]) {
                    value = min(value * 10 + Int(scalars[end].value) - 48, 1_000_000_000)
                    digits.append(UInt8(scalars[end].value))
                    end += 1
                }
                // "6th", "21st": the suffix belongs to the number.
                let isOrdinal = end + 1 < scalars.count && isOrdinalSuffix(scalars[end], scalars[end + 1])
                    && (end + 2 == scalars.count || !isLetter(scalars[end + 2]))
                add(.number, String(decoding: digits, as: UTF8.self), isOrdinal ? end + 2 : end, number: value, isOrdinal: isOrdinal)
            } else if isLetter(scalar) {
                var end = index
                var word: [UInt8] = []
                while end < scalars.count {
                    let current = scalars[end]
                    if isLetter(current) {
                        fold(current, into: &word)
                    } else if isApostrophe(current), end + 1 < scalars.count, isLetter(scalars[end + 1]) {
                        word.append(UInt8(ascii: "'"))
                    } else {
                        break
                    }
                    end += 1
                }
                add(.word, String(decoding: word, as: UTF8.self), end)
            } else {
                add(.mark, mark(scalar), index + 1)
            }
        }
        return tokens
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") : scalar.properties.isAlphabetic
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || scalar == "\t" || scalar == "\u{0B}" || scalar == "\u{0C}" : scalar.properties.isWhitespace
    }

    private static func isOrdinalSuffix(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> Bool {
        let pair = String(first).lowercased() + String(second).lowercased()
        return pair == "st" || pair == "nd" || pair == "rd" || pair == "th"
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "\u{2018}" || scalar == "`"
    }

    private static func mark(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": "-"
        case "\u{2018}", "\u{2019}", "`": "'"
        case "\u{201C}", "\u{201D}": "\""
        default: String(scalar)
        }
    }

    /// Lower case without accents: "Ñ" → "n", "ò" → "o". Letters outside the Latin alphabets are only lower-cased.
    private static func fold(_ scalar: Unicode.Scalar, into word: inout [UInt8]) {
        if scalar.isASCII {
            word.append(UInt8(scalar >= "A" && scalar <= "Z" ? scalar.value + 32 : scalar.value))
            return
        }
        let lowered = scalar.properties.lowercaseMapping
        if let plain = latinLetters[lowered] {
            word.append(contentsOf: plain.utf8)
        } else if let base = lowered.decomposedStringWithCanonicalMapping.unicodeScalars.first, base.isASCII {
            // "ŝ" decomposes to "s" and a combining mark.
            word.append(UInt8(base.value))
        } else {
            word.append(contentsOf: lowered.utf8)
        }
    }

    /// Latin letters whose canonical decomposition has no ASCII base.
    private static let latinLetters: [String: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i",
    ]
}
