import Directory
import Testing
@testable import Feeds

@Suite("Vocabulary: languages and interpreters")
struct StatedLanguagesTests {
    /// (field text, codes, interpreter available, dropped names)
    typealias Case = (String, [String], Bool?, [String])

    @Test(arguments: [
        ("Spanish", ["es"], nil, []), ("Español", ["es"], nil, []), ("espanol", ["es"], nil, []),
        ("English, Spanish and Somali", ["en", "es", "so"], nil, []), ("es; vi", ["es", "vi"], nil, []),
        ("English & Spanish", ["en", "es"], nil, []), ("English/Spanish", ["en", "es"], nil, []),
        ("inglés y español", ["en", "es"], nil, []), ("English | French", ["en", "fr"], nil, []),
        ("Haitian-Creole", ["ht"], nil, []), ("Haitian Creole", ["ht"], nil, []), ("Kreyòl", ["ht"], nil, []),
        ("Creole (Haitian)", ["ht"], nil, []), ("Kreyòl ayisyen", ["ht"], nil, []),
        ("Chinese", ["zh"], nil, []), ("Mandarin", ["zh"], nil, []), ("Cantonese", ["zh"], nil, []),
        ("Chinese (Mandarin, Cantonese)", ["zh"], nil, []), ("中文", ["zh"], nil, []),
        ("Vietnamese", ["vi"], nil, []), ("Tiếng Việt", ["vi"], nil, []), ("Somali", ["so"], nil, []),
        ("Arabic", ["ar"], nil, []), ("French", ["fr"], nil, []), ("Portuguese", ["pt"], nil, []),
        ("Brazilian Portuguese", ["pt"], nil, []), ("Russian", ["ru"], nil, []), ("Korean", ["ko"], nil, []),
        ("Tagalog", ["tl"], nil, []), ("Filipino", ["tl"], nil, []), ("Swahili", ["sw"], nil, []),
        ("Nepali", ["ne"], nil, []), ("Burmese", ["my"], nil, []), ("Dari", ["fa"], nil, []), ("Farsi", ["fa"], nil, []),
        ("es-MX", ["es"], nil, []), ("zh_Hant", ["zh"], nil, []), ("spa", ["es"], nil, []), ("eng; spa", ["en", "es"], nil, []),
        ("Spanish only", ["es"], nil, []), ("Spanish-speaking staff", ["es"], nil, []), ("Español (limited)", ["es"], nil, []),
        ("Bilingual (English/Spanish)", ["en", "es"], nil, []), ("Some staff speak Vietnamese", ["vi"], nil, []),
        ("Languages: English, Spanish", ["en", "es"], nil, []),
        // English only states English, not that there is no interpreter.
        ("English only", ["en"], nil, []),
        // Interpretation.
        ("Language line available", [], true, []), ("Interpreters available in 150 languages", [], true, []),
        ("interpretation services", [], true, []), ("Translation services available", [], true, []),
        ("English; interpreters available for other languages", ["en"], true, []),
        ("English, Spanish. Language Line for all other languages", ["en", "es"], true, []),
        ("Interpreters available in Spanish and Vietnamese", ["es", "vi"], true, []),
        ("No interpreters", [], false, []), ("Interpretation is not available", [], false, []),
        // Names without an ISO 639-1 code are dropped with the reason, never coded.
        ("ASL", [], nil, ["ASL"]), ("American Sign Language", [], nil, ["American Sign Language"]),
        ("English, Hmong", ["en"], nil, ["Hmong"]), ("Creole", [], nil, ["Creole"]),
        ("Spanish, Klingon", ["es"], nil, ["Klingon"]), ("English, Other", ["en"], nil, ["Other"]), ("K'iche'", [], nil, ["K'iche'"]), ("Braille", [], nil, ["Braille"]),
        ("English, Español and Cantonese; ASL; Hmong; fr", ["en", "es", "zh", "fr"], nil, ["ASL", "Hmong"]),
    ] as [Case])
    func readsALanguageField(text: String, codes: [String], interpreter: Bool?, dropped: [String]) throws {
        let stated = try #require(StatedLanguages.fromLanguageField(text), "\(text)")
        #expect(stated.codes.map(\.rawValue) == codes, "\(text)")
        #expect(stated.interpreterAvailable == interpreter, "\(text)")
        #expect(stated.dropped.map(\.name) == dropped, "\(text)")
    }

    @Test(arguments: ["", "N/A", "None", "Unknown", " ; "])
    func aFieldThatNamesNothingIsNil(text: String) {
        #expect(StatedLanguages.fromLanguageField(text) == nil, "\(text)")
    }

    @Test func droppedNamesSayWhy() throws {
        let stated = try #require(StatedLanguages.fromLanguageField("Hmong, ASL, Creole, Klingon"))
        #expect(stated.dropped.map(\.description) == [
            "'Hmong' has no ISO 639-1 code (ISO 639-3 'hmn'); dropped",
            "'ASL' is a sign language, which has no ISO 639-1 code; dropped",
            "'Creole' names several languages (Haitian Creole is 'ht'; say which); dropped",
            "'Klingon' is not a language name this importer knows; dropped",
        ])
    }

    @Test func severalFieldsAndOneItem() throws {
        let stated = try #require(StatedLanguages.fromLanguageFields(["English", "Spanish", "Interpreters on request", "English"]))
        #expect(stated.codes == [.english, .spanish])
        #expect(stated.interpreterAvailable == true)
        #expect(StatedLanguages.language("Español") == .success(.spanish))
        #expect(StatedLanguages.language("es") == .success(.spanish))
        #expect(StatedLanguages.language("Hmong") == .failure(DroppedLanguageName(name: "Hmong", reason: .noISO6391Code(iso6393: "hmn"))))
        #expect(StatedLanguages.language("") == nil)
    }

    @Test(arguments: [
        // Real BC 211 descriptions.
        ("Settlement workers serve newcomers in English, but have cultural and language expertise in Arabic, Cantonese, Dari, Farsi, French, Korean, Kurdish, Lingala, Mandarin, Russian, Spanish, Swahili, Urdu, and Vietnamese.",
         ["en", "ar", "zh", "fa", "fr", "ko", "ku", "ln", "ru", "es", "sw", "ur", "vi"], nil),
        ("Information is provided in multiple languages, and volunteer interpreters are available as needed.", [], true),
        ("Explaining the court process and providing translators; speaking on behalf of clients at time of sentence.", [], true),
        // Other shapes.
        ("Services in English and Spanish.", ["en", "es"], nil), ("Servicios en español.", ["es"], nil),
        ("We serve Spanish-speaking families.", ["es"], nil), ("Staff speak Vietnamese and Somali.", ["vi", "so"], nil),
        ("Counseling available in Haitian-Creole.", ["ht"], nil), ("Language Line interpretation available.", [], true),
    ] as [(String, [String], Bool?)])
    func infersLanguagesFromFreeText(text: String, codes: [String], interpreter: Bool?) throws {
        let stated = try #require(StatedLanguages.fromFreeText(text), "\(text)")
        #expect(stated.codes.map(\.rawValue) == codes, "\(text)")
        #expect(stated.interpreterAvailable == interpreter, "\(text)")
    }

    @Test(arguments: [
        // Real BC 211 descriptions: languages as subjects, not as the language of service.
        "Morning, afternoon, and evening English classes for adults are held in two Burnaby locations.",
        "Promotes French culture. Also offers French language educational resources and French classes for adults.",
        "Subjects include English, mathematics, social sciences, computer studies.",
        "Foundations offers pre-Grade 10 upgrading in English, mathematics, science, computer studies, and social studies.",
        "Interpreting the court process for families.",
        // Other shapes.
        "Help for non-English speaking families.", "Located in Spanish Fork, Utah.", "Interpretation of test results.",
        "Tutoring in English composition.", "Serves creole cuisine in the cafe.", "",
    ])
    func freeTextWithoutLanguagesIsNil(text: String) {
        #expect(StatedLanguages.fromFreeText(text) == nil, "\(text)")
    }

    @Test(arguments: [
        ("over the phone", true), ("Language Line", true), ("Yes", true), ("Spanish interpreter on staff", true),
        ("no", false), ("None", false), ("Not available", false), ("N/A", nil), ("", nil), ("unknown", nil),
    ] as [(String, Bool?)])
    func readsAnInterpretationField(text: String, offered: Bool?) {
        #expect(StatedLanguages.interpreterField(text) == offered, "\(text)")
    }

    @Test func mergingKeepsOrderAndAnOffer() throws {
        let field = try #require(StatedLanguages.fromLanguageField("English; no interpreters"))
        let merged = field.merged(with: StatedLanguages.fromFreeText("Language line available.")).merged(with: nil)
        #expect(merged.codes == [.english])
        #expect(merged.interpreterAvailable == true)
    }

    /// Every name the AIRS exporter writes reads back as its code, so an export re-imports unchanged.
    @Test func exportedLanguageNamesReadBack() {
        for (code, name) in LanguageCode.englishNames {
            #expect(StatedLanguages.fromLanguageField(name)?.codes.map(\.rawValue) == [code], "\(name)")
        }
    }
}
