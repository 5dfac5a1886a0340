import Directory
import Foundation

/// Reads one item of a language list: "Spanish", "Español (Latinoamérica)", "Creole (Haitian)",
/// "Spanish-speaking staff", "es-MX", "spa", "ASL", "Bilingual (English/Spanish)".
enum LanguageItemReader {
    static func read(_ item: String) -> [StatedLanguages.ItemReading] {
        let name = item.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ".-*•:")))
        guard !name.isEmpty else { return [] }
        // "es-MX", "zh_Hant", "en-US": the language is the part before the region or script.
        if let tag = languageOfTag(name), case .code(let code)? = LanguageNameTable.entry(tag, wholeItem: true) {
            return [.code(code)]
        }
        // A whole item that is a code ("en", "spa"), before the words are read: "en" is also a filler
        // word ("servicios en español"), which would otherwise leave the item naming nothing.
        if name.allSatisfy({ $0.isASCII && $0.isLetter }), (2...3).contains(name.count),
           case .code(let code)? = LanguageNameTable.entry(name.lowercased(), wholeItem: true) {
            return [.code(code)]
        }
        let tokens = VocabularyTokens(name)
        var main: [String] = [], qualifier: [String] = [], depth = 0
        for token in tokens.tokens {
            if token.text == "(" || token.text == "[" { depth += 1; continue }
            if token.text == ")" || token.text == "]" { depth = max(0, depth - 1); continue }
            guard token.isWord else { continue }
            if depth == 0 { main.append(token.text) } else { qualifier.append(token.text) }
        }
        let allWords = main + qualifier
        guard !allWords.isEmpty, !allWords.allSatisfy(LanguageListSplitter.nothingWords.contains) else { return [] }
        if isSignLanguage(allWords) { return [.dropped(DroppedLanguageName(name: name, reason: .signLanguage))] }

        let named = main.filter { !fillers.contains($0) }
        let qualifying = qualifier.filter { !fillers.contains($0) }
        // "Bilingual (English/Spanish)": the parentheses hold the list.
        if named.isEmpty {
            guard let open = name.firstIndex(where: { $0 == "(" || $0 == "[" }) else {
                // "Other", "Other languages": a language the feed did not name.
                return main.contains("other") ? [.dropped(DroppedLanguageName(name: name, reason: .unclear("names no language")))] : []
            }
            let inner = name[name.index(after: open)...].trimmingCharacters(in: CharacterSet(charactersIn: ")] "))
            return LanguageListSplitter.items(inner).flatMap(read)
        }
        var candidates: [(key: String, wholeItem: Bool)] = []
        if !qualifying.isEmpty {
            candidates.append(((qualifying + named).joined(separator: " "), false))
            candidates.append(((named + qualifying).joined(separator: " "), false))
        }
        candidates.append((named.joined(separator: " "), qualifying.isEmpty && named == main))
        for candidate in candidates {
            if let entry = LanguageNameTable.entry(candidate.key, wholeItem: candidate.wholeItem) {
                return [reading(entry, name: name)]
            }
        }
        // "Brazilian Portuguese", "Egyptian Arabic", "Chinese Mandarin": a known name with a qualifier word.
        if (2...3).contains(named.count) {
            for word in [named.last!, named.first!] {
                if case .code(let code)? = LanguageNameTable.entry(word, wholeItem: false) { return [.code(code)] }
            }
        }
        return [.dropped(DroppedLanguageName(name: name, reason: .unknown))]
    }

    static func reading(_ entry: LanguageNameTable.Entry, name: String) -> StatedLanguages.ItemReading {
        switch entry {
        case .code(let code): .code(code)
        case .noCode(let iso6393): .dropped(DroppedLanguageName(name: name, reason: .noISO6391Code(iso6393: iso6393)))
        case .ambiguous(let why), .notALanguage(let why): .dropped(DroppedLanguageName(name: name, reason: .unclear(why)))
        }
    }

    static func isSignLanguage(_ words: [String]) -> Bool {
        if words.count == 1, ["asl", "lsm", "bsl", "lsq"].contains(words[0]) { return true }
        return (words.contains("sign") && words.contains(where: { $0.hasPrefix("lang") })) || words.contains("senas")
    }

    /// "es-MX" → "es"; nil when the text is not a language tag.
    private static func languageOfTag(_ text: String) -> String? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard parts.count == 2, (2...3).contains(parts[0].count), (2...4).contains(parts[1].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isLetter } }) else { return nil }
        return parts[0].lowercased()
    }

    /// Words around a language name that are not part of it: "Spanish only", "Spanish-speaking staff",
    /// "Español (limited)", "Some staff speak Vietnamese".
    static let fillers: Set<String> = [
        "only", "speaking", "speaker", "speakers", "speak", "speaks", "spoken", "staff", "fluent", "fluently", "language",
        "languages", "lang", "bilingual", "limited", "some", "native", "available", "services", "service", "also",
        "provided", "idioma", "idiomas", "lengua", "solamente", "solo", "hablado", "the", "in", "by", "upon", "request",
        "on", "materials", "written", "preferred", "primary", "basic", "conversational", "dialect", "dialects",
        "interpreted", "translated", "with", "a", "an", "of", "en", "y", "other",
    ]
}
