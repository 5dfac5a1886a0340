import Directory
import Foundation
import Matching
import Testing

@Suite("Ranking on the fixture directory")
struct RankingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var profile: NeedsProfile
        var barrier = "anxiety"
        var first: String?
        var includes: [String] = []
        var excludes: [String] = []
        var testDescription: String { name }
    }

    static let family = Fixture.family

    static let cases: [Case] = [
        Case(
            name: "Spanish, Medicaid, no car: school-based Spanish counselor first", profile: family,
            first: "anx-school-es", includes: ["anx-virtual-es", "anx-rides-es", "anx-home-es", "anx-untagged"]),
        Case(
            name: "closed enrollment never appears, however close", profile: family,
            excludes: ["anx-closed-es"]),
        Case(name: "inactive services never appear", profile: family, excludes: ["anx-inactive-es"]),
        Case(name: "age 13 is outside 14–18", profile: family, excludes: ["anx-teen-es"]),
        Case(
            name: "age 15 is inside 14–18",
            profile: { var p = family; p.age = 15; return p }(), includes: ["anx-teen-es"]),
        Case(name: "Medicaid excludes a private-only fee service", profile: family, excludes: ["anx-private-es"]),
        Case(
            name: "private insurance includes it",
            profile: { var p = family; p.insurance = .private; return p }(), includes: ["anx-private-es"]),
        Case(
            name: "uninsured families get free and sliding-scale services only",
            profile: { var p = family; p.insurance = .uninsured; p.languages = []; return p }(),
            includes: ["anx-school-es", "anx-clinic-interpreter"],
            excludes: ["anx-virtual-es", "anx-rides-es", "anx-clinic-en", "anx-private-es"]),
        Case(name: "no shared language and no interpreter excludes", profile: family, excludes: ["anx-clinic-en"]),
        Case(
            name: "an interpreter counts as a shared language",
            profile: { var p = family; p.languages = [Fixture.vietnamese]; return p }(),
            first: "anx-clinic-interpreter", excludes: ["anx-school-es", "anx-clinic-en"]),
        Case(name: "virtual passes the distance filter", profile: family, includes: ["anx-virtual-es"]),
        Case(name: "outside the default 25 km radius is excluded", profile: family, excludes: ["anx-far-es"]),
        Case(
            name: "without a home, distance does not filter",
            profile: { var p = family; p.home = nil; return p }(), includes: ["anx-far-es"]),
        Case(
            name: "a service without taxonomy codes is matched by domain and intensity", profile: family,
            includes: ["anx-untagged"]),
    ]

    @Test(arguments: cases)
    func ranking(_ example: Case) {
        let ids = Fixture.match(example.profile).ids(example.barrier)
        if let first = example.first { #expect(ids.first == first, "got \(ids)") }
        for id in example.includes { #expect(ids.contains(id), "\(id) missing from \(ids)") }
        for id in example.excludes { #expect(!ids.contains(id), "\(id) should be excluded from \(ids)") }
    }

    @Test func fullOrderOfTheFixtureFamilyBreaksTiesById() {
        // anx-home-es and anx-virtual-es score the same (no travel either way); the id decides.
        #expect(Fixture.match(Self.family).ids("anxiety") == [
            "anx-school-es", "anx-home-es", "anx-virtual-es", "anx-untagged", "anx-rides-es", "anx-clinic-interpreter",
        ])
        let result = Fixture.match(Self.family)
        #expect(result.service("anx-home-es")?.score == result.service("anx-virtual-es")?.score)
    }

    @Test func limitKeepsTheBest() {
        #expect(Fixture.match(Self.family, limit: 2).ids("anxiety") == ["anx-school-es", "anx-home-es"])
        #expect(Fixture.match(Self.family, limit: 0).ids("anxiety").isEmpty)
        #expect(Fixture.match(Self.family, limit: 0).gaps.isEmpty)
    }

    @Test func scoresAreBetweenZeroAndOneAndDescending() {
        let scores = Fixture.match(Self.family).results[0].services.map(\.score)
        #expect(scores.allSatisfy { (0...1).contains($0) })
        #expect(scores == scores.sorted(by: >))
    }

    @Test func barriersComeBackInProfileOrderWithoutDuplicates() {
        var profile = Self.family
        profile.barriers = ["food_insecurity", "anxiety", "food_insecurity"]
        #expect(Fixture.match(profile).results.map(\.barrier) == ["food_insecurity", "anxiety"])
    }
}
