import Directory
import Foundation
import Matching
import Testing

/// The index keeps the first 61 languages it meets as exact bits and checks the rest against
/// full sets; a directory with many languages must match them all exactly.
@Suite("Many languages")
struct RareLanguageTests {
    static let codes: [LanguageCode] = (0..<90).map { number in
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return LanguageCode(rawValue: String([letters[number / 26], letters[number % 26]]))!
    }

    static let index: MatchIndex = {
        var snapshot = DirectorySnapshot()
        for (number, code) in codes.enumerated() {
            snapshot.services.append(Fixture.service(String(format: "lang-%02d", number), languages: [code]))
        }
        snapshot.services.append(Fixture.service("lang-interpreter", languages: [.english], interpreter: true))
        return MatchIndex(snapshot: snapshot, barriers: Fixture.barriers)
    }()

    func matches(_ languages: [LanguageCode]) -> Set<String> {
        let profile = NeedsProfile(barriers: ["anxiety"], tier: 2, languages: languages)
        return Set(Matcher.match(profile, in: Self.index, now: Fixture.now, limitPerBarrier: .max).ids("anxiety"))
    }

    @Test(arguments: [0, 30, 60, 61, 62, 75, 89])
    func aFamilyLanguageMatchesExactlyItsSpeakersAndInterpreters(number: Int) {
        #expect(matches([Self.codes[number]]) == [String(format: "lang-%02d", number), "lang-interpreter"])
    }

    @Test func severalRareLanguagesMatchEachOfTheirSpeakers() {
        #expect(matches([Self.codes[70], Self.codes[3], Self.codes[88]])
            == ["lang-70", "lang-03", "lang-88", "lang-interpreter"])
    }

    @Test func aLanguageNoServiceSpeaksLeavesOnlyInterpreters() {
        #expect(matches([LanguageCode(rawValue: "zz")!]) == ["lang-interpreter"])
    }
}
