import Directory
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Store round trips")
struct StoreRoundTripTests {
    static let verified = Date(timeIntervalSince1970: 1_793_000_000)

    static func sample() -> DirectorySnapshot {
        let provenance = Provenance(source: "fixture", externalID: "o1", importedAt: verified, lastVerifiedAt: verified)
        let organization = Organization(
            id: "org-a", name: "Ünïcode Family Center", description: "Familias — apoyo", url: "https://a.example.org",
            phones: [Phone(number: "+1-515-555-0199", kind: .hotline)], provenance: provenance)
        let location = Location(
            id: "loc-a", organizationID: "org-a", name: "Main",
            address: Address(address1: "1 Main St", city: "Cedar Valley", region: "IA", postalCode: "50309"),
            coordinates: Coordinates(lat: 41.5912345, lon: -93.6201234), transitAccessible: true,
            provenance: Provenance(source: "fixture", externalID: "l1"))
        let bare = Location(id: "loc-b", organizationID: "org-a", name: "No address", provenance: Provenance(source: "fixture", externalID: "l2"))
        let service = Service(
            id: "svc-a", organizationID: "org-a", name: "After-school tutoring", description: "Math and reading help",
            domains: [.academic, .peerRelations], intensity: .prevention, ages: AgeRange(min: 6, max: 14),
            settings: [.community], transportation: .provided, languages: [.english, LanguageCode(rawValue: "so")!],
            cost: Cost(kind: .fee, insurance: [.private, .uninsured]),
            enrollment: Enrollment(status: .closed, intakeMethods: [.online]),
            hours: [OpeningHours(weekday: .wednesday, opens: TimeOfDay(hour: 15)!, closes: TimeOfDay(hour: 17, minute: 45)!)],
            serviceArea: ServiceArea(postalCodes: ["50309", "50310"]), taxonomyCodes: ["HH-8500"],
            provenance: Provenance(source: "fixture", externalID: "s1", lastVerifiedAt: verified), active: false)
        return DirectorySnapshot(
            organizations: [organization], locations: [location, bare], services: [service],
            servicesAtLocation: [ServiceAtLocation(id: "sal-a", serviceID: "svc-a", locationID: "loc-a")])
    }

    @Test(arguments: TestBackend.available)
    func everyRecordReadsBackAsWritten(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let sample = Self.sample()
            try await store.save(sample)
            #expect(try await store.snapshot() == sample)
            #expect(try await store.service(id: "svc-a") == sample.services[0])
            #expect(try await store.organization(id: "org-a") == sample.organizations[0])
            #expect(try await store.locations(ofServices: ["svc-a"]) == ["svc-a": [sample.locations[0]]])
            #expect(try await store.service(id: "missing") == nil)

            // Saving again updates in place: no duplicates, new values win.
            var changed = sample
            changed.services[0].enrollment = Enrollment(status: .waitlist, waitlistWeeks: 4)
            changed.services[0].languages = [.spanish]
            try await store.save(changed)
            #expect(try await store.snapshot() == changed)
            #expect(try await store.counts().services == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func aFailedSaveLeavesTheStoreAsItWas(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            var broken = Self.sample()
            // The link points at a location that does not exist: the foreign key fails at the end.
            broken.servicesAtLocation.append(ServiceAtLocation(id: "sal-x", serviceID: "svc-a", locationID: "loc-missing"))
            await #expect(throws: (any Error).self) { try await store.save(broken) }
            #expect(try await store.counts().organizations == 0)
            #expect(try await store.counts().services == 0)
        }
    }
}
