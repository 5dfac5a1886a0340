import Foundation

/// Every language the application can speak: the catalogs shipped in the binary (English and
/// Spanish) plus the files of a district's directory (`CLOSELOOP_LOCALES_DIR`), one `xx.json` per
/// language. A file for a shipped language overrides that language's keys one by one (a district
/// may reword a message); a new file adds a language. English is always complete: it is the
/// fallback of every other language, key by key.
public struct Catalogs: Sendable {
    public let english: Catalog
    public let byLanguage: [String: Catalog]

    public init(_ catalogs: [Catalog]) {
        var byLanguage: [String: Catalog] = [:]
        for catalog in catalogs {
            let merged = byLanguage[catalog.language].map { Catalog(language: catalog.language, entries: $0.entries.merging(catalog.entries) { _, new in new }) }
            byLanguage[catalog.language] = merged ?? catalog
        }
        self.byLanguage = byLanguage
        english = byLanguage["en"] ?? Catalog(language: "en", entries: [:])
    }

    /// English and Spanish as compiled into the binary.
    public static let shipped: Catalogs = {
        do {
            return Catalogs([
                try Catalog(language: "en", json: Data(ShippedCatalogs.english.utf8)),
                try Catalog(language: "es", json: Data(ShippedCatalogs.spanish.utf8)),
            ])
        } catch {
            // The shipped catalogs are constants; CatalogTests parses both.
            preconditionFailure("a shipped catalog does not parse: \(error)")
        }
    }()

    /// The shipped catalogs plus every `*.json` in `directory`. A file that does not parse stops
    /// the start with its name and reason rather than showing keys to families.
    public static func loading(directory: String?) throws(CatalogError) -> Catalogs {
        guard let directory, !directory.isEmpty else { return shipped }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw CatalogError.unreadable(path: directory, reason: "\(error)")
        }
        var catalogs = Array(shipped.byLanguage.values).sorted { $0.language < $1.language }
        for name in names {
            let language = String(name.dropLast(5)).lowercased()
            guard Self.isLanguageCode(language) else { throw CatalogError.badFileName(name) }
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CatalogError.unreadable(path: path, reason: "no such file or not readable")
            }
            catalogs.append(try Catalog(language: language, json: data))
        }
        return Catalogs(catalogs)
    }

    /// "en", "es", "vi", "zh-hant": a primary subtag of 2–3 letters, optionally a script or region.
    static func isLanguageCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The languages, English first, then by code.
    public var languages: [String] {
        byLanguage.keys.sorted { ($0 == "en" ? 0 : 1, $0) < ($1 == "en" ? 0 : 1, $1) }
    }

    public func has(_ language: String) -> Bool { byLanguage[language.lowercased()] != nil }

    /// The words of `language`, English where it lacks a key; English for a language not loaded.
    public func words(_ language: String?) -> Words {
        let catalog = language.flatMap { byLanguage[$0.lowercased()] } ?? english
        return Words(catalog: catalog, fallback: english)
    }

    /// The keys English has and `language` lacks (what a translator still has to write), sorted.
    public func missingKeys(_ language: String) -> [String] {
        guard let catalog = byLanguage[language.lowercased()] else { return english.keys.sorted() }
        return english.keys.subtracting(catalog.keys).sorted()
    }

    /// Keys `language` has that English does not: usually a typo in the key.
    public func unknownKeys(_ language: String) -> [String] {
        guard let catalog = byLanguage[language.lowercased()] else { return [] }
        return catalog.keys.subtracting(english.keys).sorted()
    }

    /// A language's own name, as its catalog writes it ("Español"), for the language menu.
    public func nativeName(_ language: String) -> String {
        words(language).has("language.native_name") ? words(language).t("language.native_name") : language
    }
}

extension Catalogs {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var activeCatalogs: Catalogs?

    /// The catalogs this process speaks: `shipped` until `activate(directory:)` adds a district's
    /// files at start (`closeloop serve`, `CLOSELOOP_LOCALES_DIR`). Process-wide because emails are
    /// written inside the store's transaction, far from the server's configuration, and must speak
    /// the same languages as the pages.
    public static var active: Catalogs {
        lock.lock()
        defer { lock.unlock() }
        return activeCatalogs ?? shipped
    }

    /// Loads `directory`'s files on top of the shipped catalogs and makes them `active`.
    @discardableResult
    public static func activate(directory: String?) throws(CatalogError) -> Catalogs {
        let catalogs = try loading(directory: directory)
        lock.lock()
        activeCatalogs = catalogs
        lock.unlock()
        return catalogs
    }
}
