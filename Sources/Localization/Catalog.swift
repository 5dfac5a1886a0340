import Foundation

/// One language's messages: key → text, or key → plural forms. Read from a JSON object whose values
/// are strings (`"nav.home": "Home"`) or objects of CLDR plural categories
/// (`"count.weeks": {"one": "{count} week", "other": "{count} weeks"}`).
///
/// JSON rather than a `.strings` file: Foundation's decoder reads it the same on Linux and macOS,
/// it holds plural forms as nested objects without a second file format (`.stringsdict`), and a
/// district's translator can check a file in any editor or online validator.
public struct Catalog: Sendable, Hashable {
    public enum Entry: Sendable, Hashable {
        case text(String)
        /// Plural category ("one", "other", …) → text.
        case plural([String: String])
    }

    /// The BCP 47 primary language subtag, lowercase ("en", "es", "vi").
    public let language: String
    public let entries: [String: Entry]

    public init(language: String, entries: [String: Entry]) {
        self.language = language.lowercased()
        self.entries = entries
    }

    /// Parses a catalog file's bytes; a value that is neither a string nor an object of strings is
    /// refused with its key, so a translator learns which line to fix.
    public init(language: String, json: Data) throws(CatalogError) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw CatalogError.notJSON(language: language, reason: "\(error)")
        }
        guard let dictionary = object as? [String: Any] else { throw CatalogError.notAnObject(language: language) }
        var entries: [String: Entry] = [:]
        for (key, value) in dictionary {
            if let text = value as? String {
                entries[key] = .text(text)
            } else if let forms = value as? [String: String], forms["other"] != nil {
                entries[key] = .plural(forms)
            } else {
                throw CatalogError.badValue(language: language, key: key)
            }
        }
        self.init(language: language, entries: entries)
    }

    public var keys: Set<String> { Set(entries.keys) }
}

/// Why a catalog file was not loaded; one readable line each.
public enum CatalogError: Error, Sendable, Hashable, CustomStringConvertible {
    case notJSON(language: String, reason: String)
    case notAnObject(language: String)
    case badValue(language: String, key: String)
    case badFileName(String)
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notJSON(let language, let reason): "catalog '\(language)' is not valid JSON: \(reason)"
        case .notAnObject(let language): "catalog '\(language)' must be one JSON object of key → text"
        case .badValue(let language, let key):
            "catalog '\(language)': the value of '\(key)' must be a text or an object of plural forms with at least \"other\""
        case .badFileName(let name): "'\(name)' is not a catalog file name: use a language code, e.g. 'vi.json'"
        case .unreadable(let path, let reason): "cannot read catalog \(path): \(reason)"
        }
    }
}

/// The CLDR plural category of a count. English and Spanish: "one" for exactly 1, else "other".
/// Languages with more categories (Russian, Arabic…) can list them in their file; until a rule is
/// added here they get "one" for 1 and "other" otherwise, which is readable if not always right.
public enum PluralRule {
    public static func category(_ count: Int, language: String) -> String {
        switch language {
        case "ja", "ko", "zh", "vi", "th", "id", "ms": "other"
        default: count == 1 ? "one" : "other"
        }
    }
}
