import Directory
import Foundation
import Matching
import Testing

@Suite("Reasons")
struct ReasonTests {
    let result = Fixture.match(Fixture.family)

    @Test func schoolCounselorExplainsEveryFactor() throws {
        let match = try #require(result.service("anx-school-es"))
        #expect(match.reasons == [
            "speaks Spanish", "free", "1.0 km away, walkable", "open now for enrollment", "fits Tier 2",
            "school-based", "after school hours", "verified 3 days ago",
        ])
        #expect(match.passedFilters == [.age, .language, .cost, .enrollment, .serviceArea])
        #expect(match.waitWeeks == 0)
        #expect(abs((match.distanceKm ?? 0) - 1.0) < 0.01)
        #expect(match.organizationID == "org-anx-school-es")
        #expect(match.name == "Service anx-school-es")
    }

    @Test func interpreterWaitlistAndWalkingDistance() throws {
        let match = try #require(result.service("anx-clinic-interpreter"))
        #expect(match.reasons == [
            "interpreter available", "accepts Medicaid", "4.0 km away, too far to walk", "waitlist about 3 weeks",
            "fits Tier 2", "not in a preferred setting", "after school hours", "verified 10 days ago",
        ])
        #expect(match.waitWeeks == 3)
    }

    @Test func ridesVirtualAndHomeVisits() throws {
        #expect(try #require(result.service("anx-rides-es")).reasons.contains("10 km away, partner provides rides"))
        let virtual = try #require(result.service("anx-virtual-es"))
        #expect(virtual.reasons.contains("virtual — no travel"))
        #expect(virtual.passedFilters.contains(.serviceArea))
        #expect(try #require(result.service("anx-home-es")).reasons.contains("home visits — no travel"))
        #expect(try #require(result.service("anx-untagged")).reasons.contains("never verified by the partner"))
    }

    @Test func transitFamilyIsToldAboutTheBusLine() throws {
        var profile = Fixture.family
        profile.transportation = .transit
        let match = try #require(Fixture.match(profile).service("anx-clinic-interpreter"))
        #expect(match.reasons.contains("4.0 km away, on a bus line"))
    }

    @Test func aCarReachesWhatIsTooFarToWalk() throws {
        var profile = Fixture.family
        profile.transportation = .car
        let walking = try #require(result.service("anx-clinic-interpreter"))
        let driving = try #require(Fixture.match(profile).service("anx-clinic-interpreter"))
        #expect(driving.reasons.contains("4.0 km away"))
        #expect(driving.score > walking.score)
    }

    @Test(arguments: [(1, "open now for enrollment, 1 place left"), (3, "open now for enrollment, 3 places left"),
                      (0, "open now for enrollment")])
    func openPlacesAreCounted(capacity: Int, reason: String) throws {
        var index = Fixture.index
        index.updateAvailability(
            serviceID: "anx-school-es", enrollment: Enrollment(status: .open, capacity: capacity), lastVerifiedAt: Fixture.now)
        let match = try #require(Matcher.match(Fixture.family, in: index, now: Fixture.now).service("anx-school-es"))
        #expect(match.reasons.contains(.text(reason)))
    }

    @Test func filtersWithoutDataAreNotClaimedAsPassed() throws {
        let profile = NeedsProfile(barriers: ["anxiety"], tier: 2)
        let match = try #require(Fixture.match(profile).service("anx-school-es"))
        #expect(match.passedFilters == [.enrollment])
        #expect(match.distanceKm == nil)
        #expect(!match.reasons.contains { $0.text.contains("km") })
    }

    @Test func resultEncodesWithTheIssueKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try #require(String(data: try encoder.encode(result), encoding: .utf8))
        for key in ["\"results\"", "\"gaps\"", "\"barrier\"", "\"services\"", "\"service_id\"", "\"organization_id\"",
                    "\"score\"", "\"reasons\"", "\"passed_filters\"", "\"distance_km\"", "\"wait_weeks\""] {
            #expect(json.contains(key), "missing \(key)")
        }
        #expect(json.contains("\"service_area\""))
        #expect(try JSONDecoder().decode(MatchResult.self, from: Data(json.utf8)) == result)
    }
}
