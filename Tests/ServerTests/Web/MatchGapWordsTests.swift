import Directory
import Foundation
import Localization
import Matching
import Server
import Testing
import TestSupport

/// The match page's gap sentences are worded from the gap's facts (`GapExplanation`) through the
/// catalogs (`reason.gap.*`): English as the API's `reason` writes it, Spanish complete, distances
/// in the district's unit.
@Suite("Language: match gaps")
struct MatchGapWordsTests {
    static let english = ReasonWords(words: Catalogs.shipped.words("en"))
    static let spanish = ReasonWords(words: Catalogs.shipped.words("es"))
    static let vietnamese = LanguageCode(rawValue: "vi")!
    static let somali = LanguageCode(rawValue: "so")!

    static func gap(_ explanation: GapExplanation, barrier: String = "trauma") -> Gap {
        Gap(barrier: barrier, reason: "(English from the matcher)", filter: nil, explanation: explanation)
    }

    static let samples: [GapExplanation] = [
        .unknownBarrier, .noneInDirectory,
        .filtered(GapFilters(languages: [vietnamese], area: .within(km: 25))),
        .filtered(GapFilters(languages: [somali], noInterpreter: true)),
        .filtered(GapFilters(languages: [vietnamese, somali, .spanish], age: 12, coverage: .uninsured, openForEnrollment: true, area: .reachingHome)),
        .filtered(GapFilters(age: 12, coverage: .medicaid, area: .within(km: 4))),
        .filtered(GapFilters(area: .reachingHome)),
    ]

    /// English reads as the matcher's `reason` (GapTests pins those sentences).
    @Test func englishReadsAsTheMatcherWritesIt() {
        let expected: [(GapExplanation, String, String)] = [
            (.filtered(GapFilters(languages: [Self.vietnamese], area: .within(km: 25))), "Trauma", "no Vietnamese-speaking provider for trauma within 25 km"),
            (.filtered(GapFilters(languages: [Self.somali], noInterpreter: true)), "Trauma", "no Somali-speaking provider for trauma, and none offers an interpreter"),
            (.filtered(GapFilters(age: 12, openForEnrollment: true)), "Caregiving", "no provider for caregiving that serves age 12 and is open for enrollment"),
            (.filtered(GapFilters(languages: [Self.vietnamese, Self.somali], coverage: .uninsured)), "ADHD",
             "no Vietnamese- or Somali-speaking provider for ADHD that is free or sliding-scale for uninsured families"),
            (.noneInDirectory, "Anxiety", "no provider for anxiety in the directory"),
        ]
        for (explanation, need, text) in expected { #expect(Self.english.text(Self.gap(explanation), need: need) == text) }
        #expect(Self.english.text(Gap(barrier: "xyz", reason: "", filter: nil, explanation: .unknownBarrier), need: "xyz") == #""xyz" is not a known barrier"#)
        // A gap without facts (read back from JSON) keeps its English sentence.
        #expect(Self.english.text(Gap(barrier: "a", reason: "as sent", filter: nil), need: "A") == "as sent")
    }

    @Test func spanishGapsAreSpanish() {
        #expect(Self.spanish.text(Self.gap(.filtered(GapFilters(languages: [.spanish], area: .within(km: 25)))), need: "Ansiedad")
                == "ningún proveedor que hable español para ansiedad a menos de 25 km")
        #expect(Self.spanish.text(Self.gap(.filtered(GapFilters(languages: [Self.vietnamese, Self.somali], noInterpreter: true))), need: "Trauma")
                == "ningún proveedor que hable vietnamita o somalí para trauma, y ninguno ofrece intérprete")
        #expect(Self.spanish.text(Self.gap(.filtered(GapFilters(age: 12, openForEnrollment: true))), need: "Cuidado de familiares")
                == "ningún proveedor para cuidado de familiares que atienda a la edad de 12 años y tenga inscripciones abiertas")
        #expect(Self.spanish.text(Self.gap(.noneInDirectory), need: "Ansiedad") == "ningún proveedor en el directorio para ansiedad")
    }

    /// Every kind of gap has its words in each shipped catalog itself (no English fallback, no
    /// key shown as text, no placeholder left).
    @Test(arguments: ["en", "es"])
    func everyGapIsWordedByEachCatalog(language: String) {
        let shipped = Catalogs.shipped.words(language)
        let alone = ReasonWords(words: Words(catalog: shipped.catalog, fallback: shipped.catalog))
        for explanation in Self.samples {
            let text = alone.text(Self.gap(explanation), need: "Trauma")
            #expect(!text.contains("reason.") && !text.contains("{") && !text.isEmpty && !text.contains("(English"), "\(language): \(explanation) → \(text)")
        }
    }

    /// A US district reads miles, in the page's language.
    @Test func distancesAreInTheDistrictUnit() {
        let miles = DistrictDisplay(distanceUnit: .miles)
        let gap = Self.gap(.filtered(GapFilters(languages: [.spanish], area: .within(km: 40.2336))))
        #expect(ReasonWords(words: Catalogs.shipped.words("en"), display: miles).text(gap, need: "Trauma")
                == "no Spanish-speaking provider for trauma within 25 mi")
        #expect(ReasonWords(words: Catalogs.shipped.words("es"), display: miles).text(gap, need: "Trauma")
                == "ningún proveedor que hable español para trauma a menos de 25 millas")
    }
}
