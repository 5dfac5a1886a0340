import Foundation

/// The messages of one language, with English behind every key the language's file lacks. This is
/// what pages and messages call: `words.t("login.title")`, `words.t("inbox.range", ["from": "1"])`,
/// `words.count("count.weeks", 3)` ("3 weeks" / "3 semanas").
public struct Words: Sendable {
    public let catalog: Catalog
    /// English, the fallback for keys the catalog does not have.
    public let fallback: Catalog

    public init(catalog: Catalog, fallback: Catalog) {
        self.catalog = catalog
        self.fallback = fallback
    }

    /// The language the words are in (`<html lang>`).
    public var language: String { catalog.language }

    /// The text of `key` with `{name}` placeholders filled from `values`. A key neither catalog has
    /// reads as the key itself, so a missing message is visible on the page, never blank.
    public func t(_ key: String, _ values: [String: String] = [:]) -> String {
        let text: String
        switch catalog.entries[key] ?? fallback.entries[key] {
        case .text(let value)?: text = value
        case .plural(let forms)?: text = forms["other"] ?? key
        case nil: text = key
        }
        return Self.fill(text, values)
    }

    /// A counted phrase: the plural form of `key` for `number`, with `{count}` filled in.
    public func count(_ key: String, _ number: Int, _ values: [String: String] = [:]) -> String {
        var values = values
        values["count"] = String(number)
        let entry = catalog.entries[key].map { ($0, catalog.language) } ?? fallback.entries[key].map { ($0, fallback.language) }
        switch entry {
        case (.plural(let forms), let language)?:
            return Self.fill(forms[PluralRule.category(number, language: language)] ?? forms["other"] ?? key, values)
        case (.text(let text), _)?:
            return Self.fill(text, values)
        case nil:
            return key
        }
    }

    /// Whether the catalog itself (not the fallback) has `key`.
    public func has(_ key: String) -> Bool { catalog.entries[key] != nil }

    /// Each `{name}` of `text` whose name is in `values` becomes its value, in one pass: a value is
    /// never read for placeholders itself, and anything else is copied as it is. Every match reason
    /// is worded through here; Foundation's `replacingOccurrences` once per value cost far more
    /// (docs/PERFORMANCE.md, stop 32).
    static func fill(_ text: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, text.contains("{") else { return text }
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let name = rest[rest.index(after: open)...].prefix { $0 != "{" && $0 != "}" }
            if name.endIndex < rest.endIndex, rest[name.endIndex] == "}", let value = values[String(name)] {
                result += value
                rest = rest[rest.index(after: name.endIndex)...]
            } else {
                result += "{"
                rest = rest[rest.index(after: open)...]
            }
        }
        result += rest
        return result
    }
}
