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

    /// A school 60 km north of the seed's: no Vietnamese-speaking provider for asthma within the
    /// services' 25 km, a gap that names a distance (age 3 leaves out the fixture's service, which
    /// states no site and so is never out of reach).
    static let farSchool = School(
        id: "sch-far-north", name: "Far North School", level: .middle, gradeMin: 6, gradeMax: 8,
        address: Address(address1: "1 Prairie Rd", city: "Far North", region: "IA", postalCode: "50001"),
        coordinates: Coordinates(lat: 42.1, lon: -93.62))

    /// The match page words its gaps in the reader's language, with none of the English sentence,
    /// and in miles for a US district.
    @Test(arguments: TestBackend.available)
    func aSpanishMatchPageWordsItsGapsInSpanishAndMiles(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            try await world.store.saveSchools([Self.farSchool])
            let browser = PageBrowser(client)
            try await browser.login(world.email("coordinator"))
            let path = "/coordinator/match?run=1&barrier=asthma&barrier=transportation&tier=2&age=3&language=vi&near_school=\(Self.farSchool.id)&transportation=none"
            let english = try await browser.get(path, headers: [.acceptLanguage: "en"])
            let englishGaps = Self.gaps(english.html)
            #expect(englishGaps == [
                "<strong>Asthma:</strong> no Vietnamese-speaking provider for asthma that serves age 3 and is within 25 km",
                "<strong>Transportation:</strong> no Vietnamese-speaking provider for transportation that serves age 3, and none offers an interpreter",
            ], "\(englishGaps)")

            let spanish = try await browser.get(path, headers: [.acceptLanguage: "es"])
            let spanishGaps = Self.gaps(spanish.html)
            #expect(spanishGaps.count == englishGaps.count && !spanishGaps.isEmpty)
            #expect(spanishGaps == [
                "<strong>Asma:</strong> ningún proveedor que hable vietnamita para asma que atienda a la edad de 3 años y esté a menos de 25 km",
                "<strong>Transporte:</strong> ningún proveedor que hable vietnamita para transporte que atienda a la edad de 3 años, y ninguno ofrece intérprete",
            ], "\(spanishGaps)")
            for phrase in ["provider", "speaking", "within", "interpreter", "serves age", "in the directory"] {
                #expect(!spanishGaps.contains { $0.contains(phrase) }, "English '\(phrase)' in a Spanish gap")
            }

            // A US district: miles, in either language (25 km ≈ 16 mi).
            try await world.referrals.setDisplaySetting(.country, to: "US")
            #expect(Self.gaps(try await browser.get(path, headers: [.acceptLanguage: "en"]).html)
                .contains("<strong>Asthma:</strong> no Vietnamese-speaking provider for asthma that serves age 3 and is within 16 mi"))
            let miles = Self.gaps(try await browser.get(path, headers: [.acceptLanguage: "es"]).html)
            #expect(miles.contains("<strong>Asma:</strong> ningún proveedor que hable vietnamita para asma que atienda a la edad de 3 años y esté a menos de 16 millas"), "\(miles)")
            #expect(!miles.contains { $0.contains(" km") })
        }
    }

    /// The inner HTML of the page's gap paragraphs.
    static func gaps(_ html: String) -> [String] {
        var texts: [String] = []
        var rest = html[...]
        while let open = rest.range(of: #"<p class="gap">"#), let close = rest[open.upperBound...].range(of: "</p>") {
            texts.append(String(rest[open.upperBound..<close.lowerBound]))
            rest = rest[close.upperBound...]
        }
        return texts
    }
}
