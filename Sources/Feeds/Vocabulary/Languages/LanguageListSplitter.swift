import Foundation

/// Cuts a language field into sentences and list items the ways feeds write lists: "English, Spanish
/// and Somali", "es; vi", "Haitian Creole/Kreyòl", "English & Spanish", "inglés y español". Nothing
/// inside parentheses is cut: "Chinese (Mandarin, Cantonese)" is one item.
enum LanguageListSplitter {
    /// Words that, alone, say nothing about languages ("N/A", "None", "Unknown").
    static let nothingWords: Set<String> = ["n", "a", "na", "none", "unknown", "tbd", "not", "applicable", "ninguno", "ninguna"]

    /// Sentences: cut at ";", "." and line breaks.
    static func segments(_ text: String) -> [String] {
        cut(text, at: [";", ".", "\n", "\r"])
    }

    /// Items of one sentence: cut at ",", "/", "&", "|", "+", ":" and the words "and", "y", "or", "o".
    static func items(_ segment: String) -> [String] {
        cut(segment, at: [",", "/", "&", "|", "+"]).flatMap(cutAtWords)
    }

    private static func cut(_ text: String, at separators: Set<Character>) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth = max(0, depth - 1) }
            if depth == 0 && separators.contains(character) {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private static func cutAtWords(_ text: String) -> [String] {
        var parts: [String] = []
        var current: [Substring] = []
        var depth = 0
        for word in text.split(whereSeparator: \.isWhitespace) {
            if depth == 0 && listWords.contains(word.lowercased()) {
                if !current.isEmpty { parts.append(current.joined(separator: " ")) }
                current = []
                continue
            }
            depth += word.filter { $0 == "(" }.count - word.filter { $0 == ")" }.count
            depth = max(0, depth)
            current.append(word)
        }
        if !current.isEmpty { parts.append(current.joined(separator: " ")) }
        return parts
    }

    private static let listWords: Set<String> = ["and", "y", "or", "o", "e"]
}
