import Directory
import Foundation
import Matching
import Testing

/// A site whose feed gave an address but no coordinates sits at its ZIP code's centre: the distance
/// is approximate and the reason says so, where it used to say "no site address listed".
@Suite("ZIP-centre sites in reasons")
struct PostalCodeCentreReasonTests {
    static func index(precision: CoordinatesPrecision?, km: Double?, transit: Bool? = nil) -> MatchIndex {
        let service = Fixture.service("anx-zip-es", languages: [.spanish])
        var snapshot = DirectorySnapshot(organizations: [Organization(
            id: service.organizationID, name: "Agency", provenance: Provenance(source: "sheet", externalID: "org"))])
        snapshot.services = [service]
        snapshot.locations = [Location(
            id: "loc", organizationID: service.organizationID, name: "Site",
            address: Address(address1: "1520 E Grand Ave", city: "Des Moines", region: "IA", postalCode: "50316"),
            coordinates: km.map { Fixture.home.offset(northKm: $0, eastKm: 0) }, coordinatesPrecision: precision,
            transitAccessible: transit, provenance: Provenance(source: "sheet", externalID: "loc"))]
        snapshot.servicesAtLocation = [ServiceAtLocation(id: "sal", serviceID: service.id, locationID: "loc")]
        return MatchIndex(snapshot: snapshot, barriers: Fixture.barriers)
    }

    static func reasons(_ index: MatchIndex, _ profile: NeedsProfile = Fixture.family) throws -> [Reason] {
        let result = Matcher.match(profile, in: index, now: Fixture.now, limitPerBarrier: 10)
        return try #require(result.service("anx-zip-es")).reasons.rounded
    }

    @Test func aZIPCentreDistanceIsApproximate() throws {
        let reasons = try Self.reasons(Self.index(precision: .postalCode, km: 4))
        #expect(reasons.contains(.distance(km: 4.0, approximate: true, reach: .tooFarToWalk)), "\(reasons)")
        #expect(!reasons.contains(.unlocated))
        var transit = Fixture.family
        transit.transportation = .transit
        #expect(try Self.reasons(Self.index(precision: .postalCode, km: 4), transit)
            .contains(.distance(km: 4.0, approximate: true, reach: .busAccessNotListed)))
        var car = Fixture.family
        car.transportation = .car
        #expect(try Self.reasons(Self.index(precision: .postalCode, km: 12), car).contains(.distance(km: 12, approximate: true, reach: .byCar)))
    }

    @Test func statedCoordinatesReadAsBefore() throws {
        #expect(try Self.reasons(Self.index(precision: .stated, km: 4)).contains(.distance(km: 4.0, approximate: false, reach: .tooFarToWalk)))
        #expect(try Self.reasons(Self.index(precision: nil, km: 0.5)).contains(.distance(km: 0.5, approximate: false, reach: .walkable)))
    }

    @Test func withoutCoordinatesTheSiteIsUnlocated() throws {
        #expect(try Self.reasons(Self.index(precision: nil, km: nil)).contains(.unlocated))
    }

    /// The nearest site decides: a stated site nearer than a ZIP centre reads exactly.
    @Test func theSiteUsedDecidesTheWording() throws {
        let service = Fixture.service("anx-zip-es", languages: [.spanish])
        var snapshot = DirectorySnapshot(organizations: [Organization(
            id: service.organizationID, name: "Agency", provenance: Provenance(source: "sheet", externalID: "org"))])
        snapshot.services = [service]
        for (id, km, precision) in [("near", 1.0, CoordinatesPrecision.stated), ("far", 5.0, .postalCode)] {
            snapshot.locations.append(Location(
                id: id, organizationID: service.organizationID, name: id, coordinates: Fixture.home.offset(northKm: km, eastKm: 0),
                coordinatesPrecision: precision, provenance: Provenance(source: "sheet", externalID: id)))
            snapshot.servicesAtLocation.append(ServiceAtLocation(id: "sal-" + id, serviceID: service.id, locationID: id))
        }
        let reasons = try Self.reasons(MatchIndex(snapshot: snapshot, barriers: Fixture.barriers))
        #expect(reasons.contains(.distance(km: 1.0, approximate: false, reach: .walkable)), "\(reasons)")
    }
}
