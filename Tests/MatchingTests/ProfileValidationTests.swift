import Directory
import Foundation
import Matching
import Testing

@Suite("Needs profile")
struct ProfileValidationTests {
    static let barriers = [
        Barrier(id: "anxiety", label: "Anxiety", domains: [.socialEmotional], intensities: [.earlyIntervention], taxonomyPrefixes: ["RP-1400"])
    ]

    @Test func decodesTheIssueJSON() throws {
        let json = """
            {"barriers": ["anxiety"], "tier": 2, "age": 13, "languages": ["es"], "insurance": "medicaid",
             "home": {"lat": 41.6, "lon": -93.6}, "transportation": "none", "times": ["after_school"],
             "settings": ["school_based"]}
            """
        let profile = try JSONDecoder().decode(NeedsProfile.self, from: Data(json.utf8))
        #expect(profile == NeedsProfile(
            barriers: ["anxiety"], tier: 2, age: 13, languages: [.spanish], insurance: .medicaid,
            home: Coordinates(lat: 41.6, lon: -93.6), transportation: .none, times: [.afterSchool],
            settings: [.schoolBased]))
        try profile.validate(against: Self.barriers)
    }

    @Test func onlyBarriersAndTierAreRequired() throws {
        let profile = try JSONDecoder().decode(NeedsProfile.self, from: Data(#"{"barriers": ["anxiety"], "tier": 1}"#.utf8))
        #expect(profile.transportation == .none)
        #expect(profile.languages.isEmpty && profile.times.isEmpty && profile.settings.isEmpty)
        #expect(profile.age == nil && profile.insurance == nil && profile.home == nil)
    }

    @Test(arguments: [
        (NeedsProfile(barriers: ["xyz"], tier: 2), ProfileError.unknownBarrier("xyz"), "barriers"),
        (NeedsProfile(barriers: [], tier: 2), ProfileError.noBarriers, "barriers"),
        (NeedsProfile(barriers: ["anxiety"], tier: 4), ProfileError.tierOutOfRange(4), "tier"),
        (NeedsProfile(barriers: ["anxiety"], tier: 0), ProfileError.tierOutOfRange(0), "tier"),
        (NeedsProfile(barriers: ["anxiety"], tier: 2, age: -1), ProfileError.ageOutOfRange(-1), "age"),
        (NeedsProfile(barriers: ["anxiety"], tier: 2, age: 140), ProfileError.ageOutOfRange(140), "age"),
        (NeedsProfile(barriers: ["anxiety"], tier: 2, home: Coordinates(lat: 95, lon: 0)),
         ProfileError.homeOutOfRange(Coordinates(lat: 95, lon: 0)), "home"),
    ])
    func invalidProfilesNameTheField(profile: NeedsProfile, expected: ProfileError, field: String) {
        #expect(throws: expected) { try profile.validate(against: Self.barriers) }
        #expect(expected.field == field)
        #expect(expected.description.hasPrefix(field + ":"))
    }

    @Test func unknownBarrierMessageQuotesIt() {
        #expect(ProfileError.unknownBarrier("xyz").description.contains("\"xyz\""))
    }
}
