import Foundation

/// Which language a page or message is in: an explicit `?lang=` (public pages sent to a family),
/// then the user's own setting, then the browser's `Accept-Language` (by q-value), then English.
/// Only languages that have a catalog are chosen.
public enum LanguageChoice {
    public static func resolve(query: String?, userSetting: String?, acceptLanguage: String?, available: Catalogs) -> String {
        for candidate in [query, userSetting].compactMap({ $0 }) {
            if let language = match(candidate, available) { return language }
        }
        for tag in acceptLanguage.map(ranked) ?? [] {
            if let language = match(tag, available) { return language }
        }
        return "en"
    }

    /// The tags of an `Accept-Language` header, highest q first (stable among equals), without
    /// `*` and q=0 ("not acceptable"). "es-MX,en;q=0.5" → ["es-mx", "en"].
    public static func ranked(_ header: String) -> [String] {
        var tags: [(tag: String, q: Double, position: Int)] = []
        for (position, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty, tag != "*" else { continue }
            var q = 1.0
            for parameter in pieces.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            if q > 0 && q <= 1 { tags.append((tag, q, position)) }
        }
        return tags.sorted { ($0.q, -$0.position) > ($1.q, -$1.position) }.map(\.tag)
    }

    /// "es-MX" → "es" when only "es" is loaded; an exact "zh-hant" catalog wins over "zh".
    static func match(_ tag: String, _ available: Catalogs) -> String? {
        let tag = tag.lowercased().replacingOccurrences(of: "_", with: "-")
        if available.has(tag) { return tag }
        let primary = String(tag.split(separator: "-").first ?? "")
        return available.has(primary) ? primary : nil
    }
}

