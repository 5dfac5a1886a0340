import Directory
import Foundation
import Testing
@testable import Feeds

@Suite("Vocabulary: the phrase screen before the readers")
struct PhraseScreenTests {
    private let screen = PhraseScreen(
        [["home", "visits"], ["at", "your", "child's", "school"], ["tele", "-", "health"]], marks: "$")

    @Test func aTextWithoutEveryWordOfAPhraseIsRuledOut() {
        #expect(!screen.mayMatch(ScreenedText("Synthetic tutoring service for families.")))
        // Some words of a phrase, never all of them.
        #expect(!screen.mayMatch(ScreenedText("Visits to the office; health care at school")))
        #expect(!screen.mayMatch(ScreenedText("")))
    }

    @Test func aTextWithEveryWordOfAPhraseMayMatch() {
        #expect(screen.mayMatch(ScreenedText("HOME VISITS available")))
        #expect(screen.mayMatch(ScreenedText("Meet at your child`s school")))
        #expect(screen.mayMatch(ScreenedText("Tele-health")))
        // Every word, though apart: a "maybe" the reader settles.
        #expect(screen.mayMatch(ScreenedText("Visits to the clinic, not at home")))
        // Letters only: "homevisits" is one run, so no.
        #expect(!screen.mayMatch(ScreenedText("homevisits")))
    }

    @Test func nonASCIITextAndMarksAreAlwaysMaybe() {
        // The tokenizer folds "Hôme" to "home"; the screen does not try to.
        #expect(screen.mayMatch(ScreenedText("Hôme visits")))
        #expect(screen.mayMatch(ScreenedText("Café"))) // nothing there, but not ASCII: left to the reader
        #expect(screen.mayMatch(ScreenedText("Costs $25")))
    }

    @Test func longWordsAreComparedByTheirFirstSevenLettersAndLength() {
        let screen = PhraseScreen([["transportation"]])
        #expect(screen.mayMatch(ScreenedText("Transportation")))
        // Same first seven letters and length: a "maybe" the reader settles, never a wrong "no".
        #expect(screen.mayMatch(ScreenedText("transporXXXXXX")))
        #expect(!screen.mayMatch(ScreenedText("transport")))
    }

    @Test func aPhraseWithNoLettersMakesEveryTextMaybe() {
        #expect(PhraseScreen([["24", "/", "7"]]).mayMatch(ScreenedText("Synthetic service")))
        // A phrase with a non-ASCII word can never stand in an ASCII text.
        #expect(!PhraseScreen([["中文"]]).mayMatch(ScreenedText("Synthetic service")))
    }

    /// The screened facts equal what each reader finds in the whole text, on sentences that state
    /// each fact and on the real excerpt's descriptions (as written, and with non-ASCII dropped so
    /// the screen decides for them).
    @Test func screenedFactsEqualTheReadersFacts() throws {
        var texts = Self.sentences + Self.sentences.map { $0.uppercased() }
        if SharedFeeds.isPresent {
            let xml = try SharedFeeds.text("bc211-airs-excerpt/BC211_data_excerpt.xml")
            let plain = DescriptionCollector.descriptions(in: xml).map(FeedPlainText.plainText)
            texts += plain + plain.map(Self.asciiOnly)
        }
        var screenedOut = 0
        for text in texts {
            let facts = FreeTextFacts(text)
            #expect(facts.settings == StatedSetting.settings(in: text), "\(text)")
            #expect(facts.transportation == StatedSetting.transportation(in: text), "\(text)")
            #expect(facts.cost == StatedCost.fromFreeText(text), "\(text)")
            #expect(facts.languages == StatedLanguages.fromFreeText(text), "\(text)")
            let enrollment = StatedEnrollment.fromText(text)
            #expect(facts.enrollment?.status == enrollment?.status, "\(text)")
            #expect(facts.enrollment?.waitlistWeeks == enrollment?.waitlistWeeks, "\(text)")
            if !StatedSetting.settingsScreen.mayMatch(ScreenedText(text)) { screenedOut += 1 }
        }
        // The screen does rule texts out (else it only costs).
        #expect(screenedOut > 10)
    }

    @Test func aSyntheticBenchDescriptionIsRuledOutByEveryScreen() {
        let text = ScreenedText("Tutoring Program 12\n\nSynthetic tutoring service for families.")
        #expect(!StatedSetting.settingsScreen.mayMatch(text))
        #expect(!StatedSetting.transportationScreen.mayMatch(text))
        #expect(!StatedEnrollment.statusScreen.mayMatch(text))
        #expect(!StatedCost.freeTextScreen.mayMatch(text))
        #expect(!StatedLanguages.freeTextScreen.mayMatch(text))
    }

    private static func asciiOnly(_ text: String) -> String {
        let folded = text.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{2013}", with: "-")
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter(\.isASCII)))
    }

    /// Sentences that state (or seem to state) each fact the screens guard.
    private static let sentences = [
        "Telehealth sessions at your child's school", "Online support groups and home visits",
        "Apply online, then meet us at the office", "Meet by phone or video.", "In-home support for new parents.",
        "Services on school grounds and in the schools.", "Visitas al hogar disponibles.", "Tele-health appointments.",
        "Transportation provided to and from school", "No transportation provided.", "Bus tickets are available.",
        "We doesn't provide transportation.", "Gas cards for families.", "Sin transporte.",
        "Not accepting new clients; waitlist 2-3 weeks", "Waiting list of 6 weeks. Call to be added.",
        "No waiting list. Walk in.", "Now enrolling for fall.", "Program is full.", "Lista de espera de 3 semanas.",
        "Families join a wait-list of about two months.", "Without a waitlist.",
        "No cost.", "Free of charge for families.", "Sliding scale fees.", "The cost is $25 per session.",
        "Costs 40 dollars.", "Medicaid and CHIP accepted.", "We do not accept private insurance.", "Toll-free line.",
        "Free parking.", "Fee for service.", "USD 10 per visit.",
        "Services in English and Spanish; interpreters available.", "Spanish-speaking staff.", "Staff speak Vietnamese.",
        "Languages: Arabic, Farsi", "Interpretation services available.", "Available in 150 languages.",
        "ASL interpretation on request.", "American Sign Language classes.", "Servicios en espanol.",
        "English classes for adults.", "Language line available.", "Haitian-Creole speakers welcome.",
        "Synthetic tutoring service for families.", "Counselling for children and youth.",
    ]
}
