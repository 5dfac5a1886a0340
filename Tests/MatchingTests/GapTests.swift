import Directory
import Foundation
import Matching
import Testing

@Suite("Gaps")
struct GapTests {
    func firstGap(_ profile: NeedsProfile, _ barrier: String) -> Gap? { Fixture.match(profile).gap(barrier) }

    @Test func namesTheAreaWhenItRemovedTheLastVietnameseProvider() throws {
        let profile = NeedsProfile(
            barriers: ["trauma"], tier: 3, languages: [Fixture.vietnamese], home: Fixture.home)
        let gap = try #require(firstGap(profile, "trauma"))
        #expect(gap.reason == "no Vietnamese-speaking provider for trauma within 25 km")
        #expect(gap.filter == .serviceArea)
        // The facts the sentence words, for pages in another language or unit.
        #expect(gap.explanation == .filtered(GapFilters(languages: [Fixture.vietnamese], area: .within(km: 25))))
    }

    @Test func namesTheLanguageWhenNobodySpeaksIt() throws {
        let profile = NeedsProfile(barriers: ["trauma"], tier: 3, languages: [Fixture.somali], home: Fixture.home)
        let gap = try #require(firstGap(profile, "trauma"))
        #expect(gap.reason == "no Somali-speaking provider for trauma, and none offers an interpreter")
        #expect(gap.filter == .language)
        #expect(gap.explanation == .filtered(GapFilters(languages: [Fixture.somali], noInterpreter: true)))
    }

    @Test func namesEnrollmentAfterAge() throws {
        let profile = NeedsProfile(barriers: ["caregiving"], tier: 1, age: 12)
        let gap = try #require(firstGap(profile, "caregiving"))
        #expect(gap.filter == .enrollment)
        #expect(gap.reason == "no provider for caregiving that serves age 12 and is open for enrollment")
        #expect(gap.explanation == .filtered(GapFilters(age: 12, openForEnrollment: true)))
    }

    @Test func aBarrierWithoutCandidatesSaysSo() throws {
        let empty = MatchIndex(snapshot: DirectorySnapshot(), barriers: Fixture.barriers)
        let result = Matcher.match(NeedsProfile(barriers: ["anxiety"], tier: 2), in: empty, now: Fixture.now)
        #expect(result.gaps == [Gap(barrier: "anxiety", reason: "no provider for anxiety in the directory", filter: nil, explanation: .noneInDirectory)])
        #expect(result.results == [BarrierMatches(barrier: "anxiety", services: [])])
    }

    @Test func anUnknownBarrierIsAGapNotACrash() {
        let result = Fixture.match(NeedsProfile(barriers: ["xyz"], tier: 2))
        #expect(result.gap("xyz")?.filter == nil)
        #expect(result.gap("xyz")?.reason.contains("xyz") == true)
        #expect(result.gap("xyz")?.explanation == .unknownBarrier)
    }

    @Test func barriersWithMatchesHaveNoGap() {
        let result = Fixture.match(Fixture.family)
        // Only meaningful if the barrier does have matches.
        #expect(result.results.map(\.barrier) == ["anxiety"])
        #expect(result.results.allSatisfy { !$0.services.isEmpty })
        #expect(result.gaps.isEmpty)
    }
}
