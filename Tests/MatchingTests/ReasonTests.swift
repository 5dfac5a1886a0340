import Directory
import Foundation
import Matching
import Testing

@Suite("Reasons")
struct ReasonTests {
    let result = Fixture.match(Fixture.family)

    @Test func schoolCounselorExplainsEveryFactor() throws {
        let match = try #require(result.service("anx-school-es"))
        #expect(match.reasons.rounded == [
            .speaks([.spanish]), .free, .distance(km: 1.0, approximate: false, reach: .walkable), .open(placesLeft: nil),
            .intensity(serviceTier: 2, tier: 2), .settings([.schoolBased]), .times([.afterSchool]), .verified(daysAgo: 3),
        ])
        #expect(match.passedFilters == [.age, .language, .cost, .enrollment, .serviceArea])
        #expect(match.waitWeeks == 0)
        #expect(abs((match.distanceKm ?? 0) - 1.0) < 0.01)
        #expect(match.organizationID == "org-anx-school-es")
        #expect(match.name == "Service anx-school-es")
    }

    @Test func interpreterWaitlistAndWalkingDistance() throws {
        let match = try #require(result.service("anx-clinic-interpreter"))
        #expect(match.reasons.rounded == [
            .interpreterAvailable, .accepts(.medicaid), .distance(km: 4.0, approximate: false, reach: .tooFarToWalk), .waitlist(weeks: 3),
            .intensity(serviceTier: 2, tier: 2), .notPreferredSetting, .times([.afterSchool]), .verified(daysAgo: 10),
        ])
        #expect(match.waitWeeks == 3)
    }

    @Test func ridesVirtualAndHomeVisits() throws {
        #expect(try #require(result.service("anx-rides-es")).reasons.rounded.contains(.distance(km: 10, approximate: false, reach: .rides)))
        let virtual = try #require(result.service("anx-virtual-es"))
        #expect(virtual.reasons.contains(.virtual))
        #expect(virtual.passedFilters.contains(.serviceArea))
        #expect(try #require(result.service("anx-home-es")).reasons.contains(.homeVisit))
        #expect(try #require(result.service("anx-untagged")).reasons.contains(.neverVerified))
    }

    @Test func transitFamilyIsToldAboutTheBusLine() throws {
        var profile = Fixture.family
        profile.transportation = .transit
        let match = try #require(Fixture.match(profile).service("anx-clinic-interpreter"))
        #expect(match.reasons.rounded.contains(.distance(km: 4.0, approximate: false, reach: .onBusLine)))
    }

    @Test func aCarReachesWhatIsTooFarToWalk() throws {
        var profile = Fixture.family
        profile.transportation = .car
        let walking = try #require(result.service("anx-clinic-interpreter"))
        let driving = try #require(Fixture.match(profile).service("anx-clinic-interpreter"))
        #expect(driving.reasons.rounded.contains(.distance(km: 4.0, approximate: false, reach: .byCar)))
        #expect(driving.score > walking.score)
    }

    @Test(arguments: [(1, Reason.open(placesLeft: 1)), (3, .open(placesLeft: 3)), (0, .open(placesLeft: nil))])
    func openPlacesAreCounted(capacity: Int, reason: Reason) throws {
        var index = Fixture.index
        index.updateAvailability(
            serviceID: "anx-school-es", enrollment: Enrollment(status: .open, capacity: capacity), lastVerifiedAt: Fixture.now)
        let match = try #require(Matcher.match(Fixture.family, in: index, now: Fixture.now).service("anx-school-es"))
        #expect(match.reasons.contains(reason))
    }

    @Test func filtersWithoutDataAreNotClaimedAsPassed() throws {
        let profile = NeedsProfile(barriers: ["anxiety"], tier: 2)
        let match = try #require(Fixture.match(profile).service("anx-school-es"))
        #expect(match.passedFilters == [.enrollment])
        #expect(match.distanceKm == nil)
        #expect(!match.reasons.contains { $0.code == "distance" })
    }

    @Test func resultEncodesWithTheIssueKeys() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = try #require(String(data: try encoder.encode(result), encoding: .utf8))
        for key in ["\"results\"", "\"gaps\"", "\"barrier\"", "\"services\"", "\"service_id\"", "\"organization_id\"",
                    "\"score\"", "\"reason_codes\"", "\"passed_filters\"", "\"distance_km\"", "\"wait_weeks\""] {
            #expect(json.contains(key), "missing \(key)")
        }
        #expect(json.contains("\"service_area\""))
        #expect(try JSONDecoder().decode(MatchResult.self, from: Data(json.utf8)) == result)
    }
}
