import Directory
import Testing
@testable import Feeds

/// A list item that is only a code reads as that code, even where the code is also a filler word
/// ("en" is Spanish for "in"): "en, es" in an HSDS phone's language, a profile's `values` of `en`.
@Suite("Language codes as list items")
struct LanguageCodeItemTests {
    @Test(arguments: [("en", "en"), ("EN", "en"), ("es", "es"), ("spa", "es"), ("ht", "ht"), ("hat", "ht")])
    func aCodeAloneIsItsLanguage(item: String, code: String) throws {
        #expect(try StatedLanguages.language(item)?.get() == LanguageCode(rawValue: code))
    }

    @Test func codesInAList() {
        #expect(StatedLanguages.fromLanguageField("en, es")?.codes.map(\.rawValue) == ["en", "es"])
        #expect(StatedLanguages.fromLanguageField("Servicios en español")?.codes.map(\.rawValue) == ["es"])
    }
}
