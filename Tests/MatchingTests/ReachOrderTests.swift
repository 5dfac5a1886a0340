import Directory
import Foundation
import Matching
import Testing

/// Issue 22, item 6: for a family without transportation, services it can reach (walkable, at
/// school, virtual, home visits, rides) rank before a better-scoring one "9.9 km away, too far to walk".
@Suite("Reachable services first")
struct ReachOrderTests {
    /// A walkable service that scores worse (waitlist, wrong tier, never verified) and a far one
    /// that scores better (open, right tier, fresh), plus a virtual one.
    static let index: MatchIndex = {
        let near = Fixture.service("near-waitlist", intensity: .intensive,
                                   enrollment: Enrollment(status: .waitlist, waitlistWeeks: 8), verifiedDaysAgo: 300)
        let far = Fixture.service("far-open", verifiedDaysAgo: 1)
        let online = Fixture.service("online", settings: [.virtual], enrollment: Enrollment(status: .waitlist, waitlistWeeks: 20),
                                     verifiedDaysAgo: 400)
        var snapshot = DirectorySnapshot(services: [near, far, online])
        for (service, km) in [(near, 1.0), (far, 9.9), (online, 1.5)] {
            let location = Location(
                id: "loc-" + service.id, organizationID: service.organizationID, name: "Site",
                coordinates: Fixture.home.offset(northKm: km, eastKm: 0), transitAccessible: false,
                provenance: Provenance(source: "fixture", externalID: "loc-" + service.id))
            snapshot.locations.append(location)
            snapshot.servicesAtLocation.append(ServiceAtLocation(id: "sal-" + service.id, serviceID: service.id, locationID: location.id))
        }
        return MatchIndex(snapshot: snapshot, barriers: Fixture.barriers)
    }()

    static func match(_ transportation: FamilyTransportation, home: Coordinates? = Fixture.home, limit: Int = 10) -> MatchResult {
        Matcher.match(NeedsProfile(barriers: ["anxiety"], tier: 2, home: home, transportation: transportation),
                      in: index, now: Fixture.now, limitPerBarrier: limit)
    }

    @Test func aFamilyOnFootSeesWhatItCanReachBeforeAFarServiceThatScoresHigher() throws {
        let walking = Self.match(.none)
        #expect(walking.ids("anxiety").last == "far-open")
        #expect(Set(walking.ids("anxiety").prefix(2)) == ["near-waitlist", "online"])
        let far = try #require(walking.service("far-open"))
        #expect(far.outOfReach)
        #expect(far.reasons.contains { if case .distance(_, _, .tooFarToWalk) = $0 { true } else { false } })
        #expect(!(try #require(walking.service("near-waitlist"))).outOfReach)
        // It really scores higher: only reachability puts it last.
        #expect(far.score > (try #require(walking.service("near-waitlist"))).score)
        // With a limit of 2 the far service is left out, not a reachable one.
        #expect(Set(Self.match(.none, limit: 2).ids("anxiety")) == ["near-waitlist", "online"])
        // With 1, the best reachable one.
        #expect(Self.match(.none, limit: 1).ids("anxiety") == [walking.ids("anxiety")[0]])
    }

    @Test func withACarOrWithoutAHomeTheScoreAloneOrders() throws {
        let driving = Self.match(.car)
        #expect(driving.ids("anxiety").first == "far-open")
        #expect(driving.results[0].services.allSatisfy { !$0.outOfReach })
        let unknownHome = Self.match(.none, home: nil)
        let scores = unknownHome.results[0].services.map(\.score)
        #expect(scores == scores.sorted(by: >))
        #expect(unknownHome.results[0].services.allSatisfy { !$0.outOfReach })
    }
}
