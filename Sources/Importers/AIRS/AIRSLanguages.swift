import Directory
import Foundation

/// What a record's `<Languages>` (names or a list, plus notes) says about languages.
struct AIRSLanguages {
    /// ISO 639-1 codes in the order the feed names them.
    var codes: [LanguageCode] = []
    var interpreterAvailable = false
    /// Names that were dropped, with why, for a warning.
    var dropped: [(name: String, reason: String)] = []

    /// Reads `<Name>Spanish</Name>`, "English, Spanish and Somali", "es; vi", "Interpreters available".
    static func read(_ texts: [String]) -> AIRSLanguages {
        var result = AIRSLanguages()
        for text in texts {
            if mentionsInterpretation(text) {
                // A note about interpretation, not a list of names.
                result.interpreterAvailable = true
                continue
            }
            for part in split(text) { result.add(part) }
        }
        return result
    }

    /// "Interpreters available", "translation services on request", "Language Line".
    static func mentionsInterpretation(_ text: String) -> Bool {
        LowercasedText(text).containsAny(["interpret", "translation service", "language line"])
    }

    private mutating func add(_ name: String) {
        let key = Self.normalized(name)
        guard !key.isEmpty else { return }
        if Self.isSignLanguage(key) {
            // Sign languages have no ISO 639-1 code; offering one means the service arranges
            // interpretation, which is what the matcher's interpreter flag stands for.
            interpreterAvailable = true
            dropped.append((name, "has no ISO 639-1 code; recorded as interpreter available"))
        } else if key == "dari" {
            // Dari's code is ISO 639-3 "prs"; folding it into Persian ("fa") would claim more than the feed says.
            dropped.append((name, "has no ISO 639-1 code (ISO 639-3 'prs'); dropped"))
        } else if let code = Self.briefNames[key] ?? LanguageNames.code(for: key) {
            if !codes.contains(code) { codes.append(code) }
        } else {
            dropped.append((name, "is not a language this reader can code in ISO 639-1; dropped"))
        }
    }

    /// Names whose code the directory must get right even if the shared name list changes.
    private static let briefNames: [String: LanguageCode] = [
        "english": .english, "spanish": .spanish, "espanol": .spanish,
        "chinese": LanguageCode(rawValue: "zh")!, "mandarin": LanguageCode(rawValue: "zh")!,
        "cantonese": LanguageCode(rawValue: "zh")!, "burmese": LanguageCode(rawValue: "my")!,
        "pashto": LanguageCode(rawValue: "ps")!,
    ]

    private static func isSignLanguage(_ key: String) -> Bool {
        key == "asl" || key.split(separator: " ").contains("sign")
    }

    /// Splits a list written in any of the usual ways.
    private static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { ",;/|&".contains($0) || $0.isNewline })
            .flatMap { $0.split(separator: " ").split(whereSeparator: { $0.lowercased() == "and" }) }
            .map { $0.joined(separator: " ") }
            .filter { !$0.isEmpty }
    }

    /// Lower case, accents folded, notes and filler dropped: "Español (limited)" and "Spanish only" → "espanol", "spanish".
    private static func normalized(_ name: String) -> String {
        var text = name
        if let parenthesis = text.firstIndex(of: "(") { text = String(text[..<parenthesis]) }
        let words = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .split(whereSeparator: { $0.isWhitespace || $0 == "." })
            .filter { !["only", "speaking", "speakers", "speaker", "staff", "fluent", "language", "bilingual"].contains($0) }
        return words.joined(separator: " ")
    }
}
