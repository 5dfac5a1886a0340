import Foundation

/// A text cut into the pieces the vocabulary readers reason about: lower-case words with accents
/// folded ("Español" → "espanol"), whole numbers ("6th" is the ordinal 6) and single marks
/// ("-", "$", ",", a line break). Every kind of dash reads as "-" and every apostrophe as "'".
struct VocabularyTokens {
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
        /// The token as the text wrote it ("Español"), for naming it back in a message.
        let original: String

        var isWord: Bool { kind == .word }
        var isNumber: Bool { kind == .number }
    }

    let tokens: [Token]

    init(_ text: String) {
        tokens = Self.cut(Array(text.unicodeScalars))
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

    /// Whether the tokens from `index` on spell `phrase` (already tokenized with `phrase(_:)`).
    func matches(_ phrase: [String], at index: Int) -> Bool {
        guard index >= 0, index + phrase.count <= tokens.count else { return false }
        for offset in phrase.indices where tokens[index + offset].text != phrase[offset] { return false }
        return true
    }

    /// Every start index of `phrase`.
    func occurrences(of phrase: [String]) -> [Int] {
        guard !phrase.isEmpty, tokens.count >= phrase.count else { return [] }
        return (0...(tokens.count - phrase.count)).filter { matches(phrase, at: $0) }
    }

    func contains(_ phrase: [String]) -> Bool {
        guard !phrase.isEmpty, tokens.count >= phrase.count else { return false }
        return (0...(tokens.count - phrase.count)).contains { matches(phrase, at: $0) }
    }

    /// The first of `phrases` that starts at `index`, longest first when several do.
    func longestMatch(of phrases: [[String]], at index: Int) -> [String]? {
        phrases.filter { matches($0, at: index) }.max { $0.count < $1.count }
    }

    /// The tokens from `start` to `end` as the text wrote them, spaced as it spaced them.
    func original(_ start: Int, _ end: Int) -> String {
        var text = ""
        for index in max(0, start)..<min(end, tokens.count) {
            if index > start && tokens[index].followsSpace { text += " " }
            text += tokens[index].original
        }
        return text
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
        var index = 0
        var followsSpace = true
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" {
                tokens.append(Token(kind: .mark, text: "\n", number: nil, isOrdinal: false, followsSpace: followsSpace, original: "\n"))
                followsSpace = true
                index += 1
            } else if scalar.properties.isWhitespace {
                followsSpace = true
                index += 1
            } else if isDigit(scalar) {
                var value = 0, end = index
                while end < scalars.count, isDigit(scalars[end]) {
                    value = min(value * 10 + Int(scalar: scalars[end]), 1_000_000_000)
                    end += 1
                }
                let digits = String(String.UnicodeScalarView(scalars[index..<end]))
                // "6th", "21st": the suffix belongs to the number.
                var isOrdinal = false
                if end + 1 < scalars.count, ordinalSuffixes.contains(String(String.UnicodeScalarView(scalars[end...end + 1])).lowercased()),
                   end + 2 == scalars.count || !scalars[end + 2].properties.isAlphabetic {
                    isOrdinal = true
                    end += 2
                }
                tokens.append(Token(
                    kind: .number, text: digits, number: value, isOrdinal: isOrdinal, followsSpace: followsSpace,
                    original: String(String.UnicodeScalarView(scalars[index..<end]))))
                followsSpace = false
                index = end
            } else if scalar.properties.isAlphabetic {
                var end = index
                var word = ""
                while end < scalars.count {
                    let current = scalars[end]
                    if current.properties.isAlphabetic {
                        word += fold(current)
                        end += 1
                    } else if isApostrophe(current), end + 1 < scalars.count, scalars[end + 1].properties.isAlphabetic {
                        word += "'"
                        end += 1
                    } else {
                        break
                    }
                }
                tokens.append(Token(
                    kind: .word, text: word, number: nil, isOrdinal: false, followsSpace: followsSpace,
                    original: String(String.UnicodeScalarView(scalars[index..<end]))))
                followsSpace = false
                index = end
            } else {
                tokens.append(Token(
                    kind: .mark, text: mark(scalar), number: nil, isOrdinal: false, followsSpace: followsSpace, original: String(scalar)))
                followsSpace = false
                index += 1
            }
        }
        return tokens
    }

    private static let ordinalSuffixes: Set<String> = ["st", "nd", "rd", "th"]

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }

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
    private static func fold(_ scalar: Unicode.Scalar) -> String {
        if scalar.isASCII { return String(scalar).lowercased() }
        let lowered = String(scalar).lowercased()
        if let plain = latinLetters[lowered] { return plain }
        // Decompose and keep the base letter when it is ASCII ("ŝ" → "s").
        let decomposed = lowered.decomposedStringWithCanonicalMapping.unicodeScalars
        if let base = decomposed.first, base.isASCII { return String(base) }
        return lowered
    }

    /// Latin letters whose canonical decomposition has no ASCII base.
    private static let latinLetters: [String: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i",
    ]
}

private extension Int {
    init(scalar: Unicode.Scalar) { self = Int(scalar.value) - 48 }
}
