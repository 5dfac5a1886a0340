import Directory
import Foundation
import Localization
import Testing
import TestSupport

@testable import Server

/// Spanish that read wrong to a Spanish-speaking coordinator in the screenshots (issue 22, item 5):
/// a capital mid-list, "no indicado" beside a feminine noun, "unas 1 semana".
@Suite("Language: Spanish wording on the pages")
struct SpanishWordingTests {
    static let spanish = Catalogs.shipped.words("es")

    @Test func labelsInsideAListAreNotCapitalised() {
        PageLanguage.$words.withValue(Self.spanish) {
            #expect(Labels.inlineList(["Llamar", "Ir sin cita", "Remisión de la escuela"]) == "Llamar, ir sin cita, remisión de la escuela")
            // A label that is an acronym keeps its capitals.
            #expect(Labels.inlineList(["Llamar", "CHIP"]) == "Llamar, CHIP")
            #expect(Labels.inlineList([]) == "")
        }
    }

    /// "Edades no indicado" and "Zona que atiende no indicado" were wrong: both nouns are feminine.
    @Test func eligibilityNotListedAgreesWithItsNoun() throws {
        var service = try #require(try loadSeed().directory.services.first)
        service.ages = AgeRange()
        service.serviceArea = ServiceArea(postalCodes: ["02118"])
        let words = ServicePageWords(Self.spanish)
        let agesMissing = try #require(ServiceSheet.eligibility(service, words: words))
        #expect(agesMissing.hasPrefix("Edades no indicadas: pregunte; "), "\(agesMissing)")
        service.ages = AgeRange(min: 5, max: 18)
        service.serviceArea = ServiceArea()
        let areaMissing = try #require(ServiceSheet.eligibility(service, words: words))
        #expect(areaMissing.hasSuffix("; Zona que atiende no indicada: pregunte"), "\(areaMissing)")
        #expect(!agesMissing.contains("no indicado") && !areaMissing.contains("no indicado"))
        // A fact standing alone after its label (Dirección, Disponibilidad…) reads the same for either gender.
        #expect(words.notListed == "no consta: pregunte")
        #expect(ServiceSheet.eligibility(service, words: ServicePageWords(Catalogs.shipped.words("en")))?.hasSuffix("; Service area not listed — ask") == true)
    }

    @Test func aWaitOfOneWeekIsNotPlural() {
        PageLanguage.$words.withValue(Self.spanish) {
            #expect(Labels.enrollment(Enrollment(status: .waitlist, waitlistWeeks: 1)) == "Lista de espera de aproximadamente 1 semana")
            #expect(Labels.enrollment(Enrollment(status: .waitlist, waitlistWeeks: 3)) == "Lista de espera de aproximadamente 3 semanas")
        }
    }

    /// Every `[[key]]` a page template names is in the English catalog (and so, by `CatalogTests`, in
    /// Spanish): a template key missing from the catalogs would show the key itself on the page.
    @Test func everyTemplateKeyIsInTheCatalogs() {
        var missing: [String] = []
        for (name, text) in Templates.all {
            var rest = text[...]
            while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
                let key = String(rest[open.upperBound..<close.lowerBound])
                if key != "@lang", !Catalogs.shipped.english.keys.contains(key) { missing.append("\(name): \(key)") }
                rest = rest[close.upperBound...]
            }
        }
        #expect(missing == [])
    }
}
