import Directory
import Foundation
import Localization
import Matching
import Server
import Testing
import TestSupport

/// Match reasons are typed facts (`Reason`) worded by `ReasonWords` through the catalogs: English
/// and Spanish complete, distances in the district's unit, and the API's English text as it was
/// before reasons were typed.
@Suite("Language: match reasons")
struct MatchReasonWordsTests {
    static let english = ReasonWords(words: Catalogs.shipped.words("en"))
    static let spanish = ReasonWords(words: Catalogs.shipped.words("es"))

    /// Every kind of reason has its words in each shipped catalog itself (no English fallback, no
    /// key shown as text, no placeholder left unfilled).
    @Test(arguments: ["en", "es"])
    func everyReasonIsWordedByEachCatalog(language: String) {
        let shipped = Catalogs.shipped.words(language)
        // The catalog alone: a key it lacks reads as the key itself.
        let alone = ReasonWords(words: Words(catalog: shipped.catalog, fallback: shipped.catalog))
        for reason in ReasonSamples.all {
            let text = alone.text(reason)
            #expect(!text.contains("reason.") && !text.contains("{") && !text.isEmpty, "\(language): \(reason) → \(text)")
        }
    }

    /// The API's `reasons` read exactly as before: these are the phrases the matcher used to write.
    @Test func englishReadsAsTheAPIAlwaysWroteIt() {
        let expected: [(Reason, String)] = [
            (.agesNotListed(age: 12), "ages not listed — ask whether they serve age 12"),
            (.speaks([LanguageCode(rawValue: "so")!, .english]), "speaks Somali and English"),
            (.languagesNotListed([.spanish, LanguageCode(rawValue: "so")!, .english]), "languages not listed — ask whether they speak Spanish, Somali or English"),
            (.insuranceNotListed(cost: .slidingScale, ask: .medicaid), "sliding-scale fees, insurance not listed — ask whether they take Medicaid"),
            (.insuranceNotListed(cost: .fee, ask: .uninsured), "fees apply, insurance not listed — ask whether they serve uninsured families"),
            (.costNotListed(ask: .private), "cost not listed — ask whether they take private insurance"),
            (.costNotListed(ask: nil), "cost not listed — ask about fees"),
            (.accepts(.uninsured), "serves uninsured families"),
            (.distance(km: 4.0, approximate: false, reach: .tooFarToWalk), "4.0 km away, too far to walk"),
            (.distance(km: 12.3, approximate: true, reach: .byCar), "about 12 km away (ZIP centre)"),
            (.distance(km: 10, approximate: false, reach: .rides), "10 km away, partner provides rides"),
            (.open(placesLeft: 1), "open now for enrollment, 1 place left"),
            (.open(placesLeft: 3), "open now for enrollment, 3 places left"),
            (.waitlist(weeks: 1), "waitlist about 1 week"),
            (.waitlist(weeks: 3), "waitlist about 3 weeks"),
            (.waitlist(weeks: 0), "waitlist, moving now"),
            (.intensity(serviceTier: 3, tier: 2), "Tier 3 level, more intensive than Tier 2"),
            (.intensity(serviceTier: 2, tier: 2), "fits Tier 2"),
            (.settings([.schoolBased, .community, .virtual]), "school-based, in the community and virtual"),
            (.times([.afterSchool]), "after school hours"),
            (.verified(daysAgo: 1), "verified yesterday"),
            (.verified(daysAgo: 10), "verified 10 days ago"),
            (.verified(daysAgo: 150), "verified about 5 months ago"),
            (.verified(daysAgo: 400), "verified over a year ago"),
            (.neverVerified, "never verified by the partner"),
        ]
        for (reason, text) in expected { #expect(Self.english.text(reason) == text) }
    }

    @Test func spanishReasonsAreSpanish() {
        #expect(Self.spanish.text(.speaks([.spanish, .english])) == "habla español y inglés")
        #expect(Self.spanish.text(.free) == "gratis")
        #expect(Self.spanish.text(.distance(km: 4.0, approximate: false, reach: .tooFarToWalk)) == "a 4.0 km, demasiado lejos para ir a pie")
        #expect(Self.spanish.text(.waitlist(weeks: 1)) == "lista de espera de aproximadamente 1 semana")
        #expect(Self.spanish.text(.waitlist(weeks: 3)) == "lista de espera de aproximadamente 3 semanas")
        #expect(Self.spanish.text(.verified(daysAgo: 150)) == "verificado hace aproximadamente 5 meses")
        #expect(Self.spanish.text(.costNotListed(ask: .medicaid)) == "costo no indicado — pregunte si aceptan Medicaid")
        #expect(Self.spanish.text(.intensity(serviceTier: 2, tier: 2)) == "adecuado para el Nivel 2")
    }

    /// A US district reads miles, in the page's language.
    @Test func distancesAreInTheDistrictUnit() {
        let miles = DistrictDisplay(distanceUnit: .miles)
        let english = ReasonWords(words: Catalogs.shipped.words("en"), display: miles)
        let spanish = ReasonWords(words: Catalogs.shipped.words("es"), display: miles)
        let reason = Reason.distance(km: 8.0467, approximate: false, reach: .walkable)
        #expect(english.text(reason) == "5.0 mi away, walkable")
        #expect(spanish.text(reason) == "a 5.0 millas, se puede ir a pie")
    }

    /// A coordinator who reads Spanish sees the match's reasons in Spanish, with no English phrase left.
    @Test(arguments: TestBackend.available)
    func aSpanishMatchPageShowsSpanishReasons(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let browser = PageBrowser(client)
            try await browser.login(world.email("coordinator"))
            let path = "/coordinator/match?student=\(world.studentID)&barrier=anxiety&barrier=dental_health&tier=2&insurance=medicaid&time=after_school&setting=school_based"
            let english = try await browser.get(path, headers: [.acceptLanguage: "en"])
            let spanish = try await browser.get(path, headers: [.acceptLanguage: "es"])
            #expect(spanish.status == .ok && spanish.html.contains(#"<html lang="es">"#))
            #expect(english.html.contains(#"<ul class="reasons"><li>"#) && spanish.html.contains(#"<ul class="reasons"><li>"#))
            let englishReasons = Self.reasons(english.html), spanishReasons = Self.reasons(spanish.html)
            #expect(englishReasons.count == spanishReasons.count && englishReasons.count > 5)
            // The same facts, each in other words.
            for (englishText, spanishText) in zip(englishReasons, spanishReasons) where englishText.rangeOfCharacter(from: .letters) != nil {
                #expect(englishText != spanishText || ["CHIP", "Medicaid"].contains(englishText), "\(englishText)")
            }
            for phrase in ["verified", "ages not listed", "fits Tier", "accepts Medicaid", "open now", "waitlist", "km away",
                           "not listed", "ask whether", "after school hours", "school-based", "too far to walk", "walkable"] {
                #expect(!spanishReasons.contains { $0.contains(phrase) }, "English '\(phrase)' on the Spanish page")
            }
            #expect(spanishReasons.contains { $0.hasPrefix("verificado") || $0.hasPrefix("nunca verificado") })
            #expect(spanishReasons.contains { $0.contains("Nivel") })
        }
    }

    /// The `<li>` texts of the page's reason lists.
    static func reasons(_ html: String) -> [String] {
        var texts: [String] = []
        var rest = html[...]
        while let list = rest.range(of: #"<ul class="reasons">"#), let end = rest[list.upperBound...].range(of: "</ul>") {
            var items = rest[list.upperBound..<end.lowerBound]
            while let open = items.range(of: "<li>"), let close = items[open.upperBound...].range(of: "</li>") {
                texts.append(String(items[open.upperBound..<close.lowerBound]))
                items = items[close.upperBound...]
            }
            rest = rest[end.upperBound...]
        }
        return texts
    }
}
