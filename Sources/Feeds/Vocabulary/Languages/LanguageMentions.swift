import Directory

/// Languages a sentence says a service is offered in: "in English and Spanish", "en español",
/// "Spanish-speaking staff", "staff speak Vietnamese and Somali", "Languages: Arabic, Farsi".
/// A name used as a subject or an adjective ("English classes", "French culture", "in Spanish Fork")
/// is not one, nor is "non-English speaking".
enum LanguageMentions {
    struct Found {
        var codes: [LanguageCode] = []
        var dropped: [DroppedLanguageName] = []

        mutating func add(_ reading: StatedLanguages.ItemReading) {
            switch reading {
            case .code(let code): if !codes.contains(code) { codes.append(code) }
            case .dropped(let name): if !dropped.contains(name) { dropped.append(name) }
            case .nothing: break
            }
        }
    }

    static func named(in tokens: VocabularyTokens) -> Found {
        var found = Found()
        for index in tokens.indices {
            let word = tokens.text(at: index)
            if introductions.contains(word) {
                var start = index + 1
                if (word == "languages" || word == "language" || word == "idiomas") {
                    guard tokens.text(at: start) == ":" else { continue }
                    start += 1
                }
                for reading in list(in: tokens, from: start) { found.add(reading) }
            } else if let (reading, end) = name(in: tokens, at: index), isSpeakingCompound(tokens, start: index, end: end) {
                found.add(reading)
            }
        }
        return found
    }

    /// A list of names from `start`, kept only if what follows it lets the names be languages.
    private static func list(in tokens: VocabularyTokens, from start: Int) -> [StatedLanguages.ItemReading] {
        var readings: [StatedLanguages.ItemReading] = []
        var index = start
        while let (reading, end) = name(in: tokens, at: index) {
            readings.append(reading)
            index = end
            var next = index
            while separators.contains(tokens.text(at: next)) { next += 1 }
            guard next > index, name(in: tokens, at: next) != nil else { break }
            index = next
        }
        guard !readings.isEmpty else { return [] }
        // "in English classes", "in Spanish Fork", and "in English, mathematics, science": the names
        // are adjectives, or one subject among others.
        var next = index
        while separators.contains(tokens.text(at: next)) { next += 1 }
        if tokens.indices.contains(next), tokens[next].isWord, !followers.contains(tokens.text(at: next)) { return [] }
        return readings
    }

    /// A language name (one to three words; "haitian-creole" reads as two) at `index`.
    private static func name(in tokens: VocabularyTokens, at index: Int) -> (StatedLanguages.ItemReading, Int)? {
        guard tokens.indices.contains(index), tokens[index].isWord,
              LanguageNameTable.firstWords.contains(tokens[index].text) || tokens[index].text == "asl" else { return nil }
        for phrase in signLanguages where tokens.matches(phrase, at: index) {
            let end = index + phrase.count
            return (.dropped(DroppedLanguageName(name: tokens.original(index, end), reason: .signLanguage)), end)
        }
        var words: [String] = []
        var ends: [Int] = []
        var cursor = index
        while words.count < 3, tokens.indices.contains(cursor), tokens[cursor].isWord {
            words.append(tokens[cursor].text)
            ends.append(cursor + 1)
            // "Haitian-Creole": a hyphen without spaces joins the words of one name.
            if tokens.text(at: cursor + 1) == "-", tokens.indices.contains(cursor + 2), !tokens[cursor + 1].followsSpace,
               !tokens[cursor + 2].followsSpace, tokens[cursor + 2].isWord, tokens.text(at: cursor + 2) != "speaking" {
                cursor += 2
            } else if tokens.indices.contains(cursor + 1), tokens[cursor + 1].isWord {
                cursor += 1
            } else {
                break
            }
        }
        for length in stride(from: words.count, through: 1, by: -1) {
            let key = words.prefix(length).joined(separator: " ")
            // Names of several languages ("Creole") are too loose to find in a sentence.
            if let entry = LanguageNameTable.entry(key, wholeItem: false), entry.isLanguage {
                let end = ends[length - 1]
                return (LanguageItemReader.reading(entry, name: tokens.original(index, end)), end)
            }
        }
        return nil
    }

    /// "Spanish-speaking", "Spanish speaking", "English speakers"; not "non-English speaking".
    private static func isSpeakingCompound(_ tokens: VocabularyTokens, start: Int, end: Int) -> Bool {
        if tokens.text(at: start - 1) == "-" && tokens.text(at: start - 2) == "non" { return false }
        if tokens.text(at: start - 1) == "non" { return false }
        var next = end
        if tokens.text(at: next) == "-" { next += 1 }
        return ["speaking", "speakers", "speaker", "hablantes"].contains(tokens.text(at: next))
    }

    private static let signLanguages: [[String]] = [["american", "sign", "language"], ["sign", "language"], ["asl"]]

    private static let introductions: Set<String> = [
        "in", "en", "speak", "speaks", "spoken", "bilingual", "hablamos", "habla", "hablan", "languages", "language",
        "idiomas",
    ]

    private static let separators: Set<String> = [",", "and", "or", "&", "/", "y", "o", "e"]

    /// Words that may follow a list of languages without making its last name an adjective.
    private static let followers: Set<String> = [
        "and", "or", "but", "as", "for", "to", "at", "by", "with", "if", "when", "upon", "on", "only", "too", "also", "is",
        "are", "was", "were", "who", "that", "y", "o", "e", "para", "con", "por", "si", "speakers", "speaking", "language",
        "languages", "interpretation", "interpreters", "translation", "available", "whenever", "where", "so", "via",
    ]
}
