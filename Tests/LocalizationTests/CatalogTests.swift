import Foundation
@testable import Localization
import Testing

/// The shipped catalogs and a district's added files (issue 22, item 5): English and Spanish have
/// the same keys and placeholders, plural forms, and a file that lacks a key falls back to English.
@Suite("Language: message catalogs")
struct CatalogTests {
    static let shipped = Catalogs.shipped

    @Test func englishAndSpanishHaveTheSameKeys() {
        #expect(Self.shipped.languages == ["en", "es"])
        #expect(Self.shipped.english.keys.count > 400)
        #expect(Self.shipped.missingKeys("es") == [])
        #expect(Self.shipped.unknownKeys("es") == [])
    }

    /// A translation that drops or renames `{service}` would send an email without the service.
    @Test func everySpanishMessageKeepsTheEnglishPlaceholders() throws {
        let spanish = try #require(Self.shipped.byLanguage["es"])
        for (key, entry) in Self.shipped.english.entries {
            #expect(Self.placeholders(entry) == Self.placeholders(try #require(spanish.entries[key])), "placeholders differ in \(key)")
        }
    }

    @Test func pluralFormsFollowTheCount() {
        let english = Self.shipped.words("en"), spanish = Self.shipped.words("es")
        #expect(english.count("count.week", 1) == "1 week")
        #expect(english.count("count.week", 2) == "2 weeks")
        #expect(english.count("count.week", 0) == "0 weeks")
        #expect(spanish.count("count.week", 1) == "1 semana")
        #expect(spanish.count("count.week", 3) == "3 semanas")
        #expect(spanish.count("count.referral_waiting", 1) == "1 remisión espera su respuesta.")
    }

    @Test func placeholdersAreFilledAndUnknownKeysShowThemselves() {
        let spanish = Self.shipped.words("es")
        #expect(spanish.t("referral.title_for", ["barrier": "Ansiedad"]) == "Remisión por Ansiedad")
        #expect(spanish.t("no.such.key") == "no.such.key")
        // A language without a catalog speaks English.
        #expect(Self.shipped.words("tlh").t("login.title") == "Sign in")
    }

    /// Placeholders are filled in one pass over the message: every occurrence, the names given
    /// only, braces that name nothing given kept as written, and a value never filled again.
    @Test func fillingReplacesEachGivenPlaceholderOnceAndKeepsTheRest() {
        #expect(Words.fill("{a} and {a}", ["a": "x"]) == "x and x")
        #expect(Words.fill("{a} {b}", ["a": "{b}", "b": "y"]) == "{b} y")
        #expect(Words.fill("{a} {unknown} {", ["a": "1"]) == "1 {unknown} {")
        #expect(Words.fill("{{a}} {a", ["a": "1"]) == "{1} {a")
        #expect(Words.fill("no braces", ["a": "1"]) == "no braces")
        #expect(Words.fill("{a}", [:]) == "{a}")
        #expect(Words.fill("é {a}ñ {b}", ["a": "ü", "b": ""]) == "é üñ ")
    }

    /// A district adds Vietnamese with one file that lacks most keys: those read in English, and
    /// a district file for Spanish rewords one Spanish message without losing the others.
    @Test func aDistrictFileAddsALanguageAndMissingKeysFallBackToEnglish() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-locales-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"login.title": "Đăng nhập", "language.native_name": "Tiếng Việt", "count.week": {"other": "{count} tuần"}}"#.utf8)
            .write(to: directory.appendingPathComponent("vi.json"))
        try Data(#"{"login.title": "Entrar"}"#.utf8).write(to: directory.appendingPathComponent("es.json"))

        let catalogs = try Catalogs.loading(directory: directory.path)
        #expect(catalogs.languages == ["en", "es", "vi"])
        let vietnamese = catalogs.words("vi")
        #expect(vietnamese.t("login.title") == "Đăng nhập")
        #expect(vietnamese.t("layout.sign_out") == "Sign out")
        #expect(vietnamese.count("count.week", 1) == "1 tuần")
        #expect(catalogs.nativeName("vi") == "Tiếng Việt")
        #expect(catalogs.missingKeys("vi").contains("layout.sign_out"))
        #expect(!catalogs.missingKeys("vi").contains("login.title"))
        #expect(catalogs.words("es").t("login.title") == "Entrar")
        #expect(catalogs.words("es").t("layout.sign_out") == "Cerrar sesión")
    }

    @Test func aBrokenDistrictFileIsRefusedWithItsName() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("closeloop-locales-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(#"{"login.title": 3}"#.utf8).write(to: directory.appendingPathComponent("fr.json"))
        #expect(throws: CatalogError.badValue(language: "fr", key: "login.title")) { try Catalogs.loading(directory: directory.path) }
        try Data("{}".utf8).write(to: directory.appendingPathComponent("fr.json"))
        try Data("{}".utf8).write(to: directory.appendingPathComponent("not a language.json"))
        #expect(throws: CatalogError.badFileName("not a language.json")) { try Catalogs.loading(directory: directory.path) }
    }

    static func placeholders(_ entry: Catalog.Entry) -> Set<String> {
        let texts: [String] = switch entry {
        case .text(let text): [text]
        case .plural(let forms): Array(forms.values)
        }
        var names: Set<String> = []
        for text in texts {
            var rest = text[...]
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                names.insert(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
        }
        return names
    }
}

@Suite("Language: choosing it, units and time zone")
struct LanguageChoiceTests {
    @Test func acceptLanguageIsReadByQValue() {
        #expect(LanguageChoice.ranked("es-MX,en;q=0.5") == ["es-mx", "en"])
        #expect(LanguageChoice.ranked("en;q=0.2, es;q=0.9, *;q=0.1, fr;q=0") == ["es", "en"])
        let catalogs = Catalogs.shipped
        #expect(LanguageChoice.resolve(query: nil, userSetting: nil, acceptLanguage: "es-MX,en;q=0.5", available: catalogs) == "es")
        #expect(LanguageChoice.resolve(query: nil, userSetting: nil, acceptLanguage: "fr-CA, en;q=0.4, es;q=0.3", available: catalogs) == "en")
        #expect(LanguageChoice.resolve(query: nil, userSetting: nil, acceptLanguage: "de", available: catalogs) == "en")
        #expect(LanguageChoice.resolve(query: nil, userSetting: nil, acceptLanguage: nil, available: catalogs) == "en")
    }

    @Test func theUserSettingBeatsTheBrowserAndLangBeatsBoth() {
        let catalogs = Catalogs.shipped
        #expect(LanguageChoice.resolve(query: nil, userSetting: "es", acceptLanguage: "en-US", available: catalogs) == "es")
        #expect(LanguageChoice.resolve(query: "en", userSetting: "es", acceptLanguage: "es", available: catalogs) == "en")
        // A setting for a language whose file was removed falls through to the browser.
        #expect(LanguageChoice.resolve(query: "xx", userSetting: "vi", acceptLanguage: "es", available: catalogs) == "es")
    }

    @Test func distancesAreInMilesForUSDistrictsAndKilometresElsewhere() {
        let spanish = Catalogs.shipped.words("es"), english = Catalogs.shipped.words("en")
        #expect(DistanceUnit.usual(inCountry: "US") == .miles)
        #expect(DistanceUnit.usual(inCountry: "ca") == .kilometers)
        #expect(DistanceUnit.usual(inCountry: nil) == .kilometers)
        let miles = DistrictDisplay(distanceUnit: .miles), km = DistrictDisplay(distanceUnit: .kilometers)
        #expect(miles.distance(km: 4.0, words: english) == "2.5 mi")
        #expect(miles.distance(km: 4.0, words: spanish) == "2.5 millas")
        #expect(km.distance(km: 4.0, words: english) == "4.0 km")
        #expect(miles.distance(km: 40, words: english) == "25 mi")
    }

    /// Chicago leaves CST for CDT at 2026-03-08 08:00 UTC: the same wall-clock rule shows both sides.
    @Test func timesAreShownInTheDistrictZoneAcrossADSTChange() throws {
        let chicago = DistrictDisplay(timeZone: try #require(TimeZone(identifier: "America/Chicago")))
        let before = Date(timeIntervalSince1970: 1_772_955_000)  // 2026-03-08 07:30 UTC
        let after = before.addingTimeInterval(2 * 3600)  // 09:30 UTC
        #expect(chicago.dateTime(before) == "2026-03-08 01:30 CST")
        #expect(chicago.dateTime(after) == "2026-03-08 04:30 CDT")
        // Late evening in Chicago is already the next day in UTC: the day is the district's.
        let evening = Date(timeIntervalSince1970: 1_773_028_800)  // 2026-03-09 04:00 UTC
        #expect(chicago.day(evening) == "2026-03-08")
        #expect(DistrictDisplay().day(evening) == "2026-03-09")
    }
}
