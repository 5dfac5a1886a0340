import Directory
import Storage
import Testing
import TestSupport

@Suite("Seed integrity")
struct SeedIntegrityTests {
    @Test func seedMeetsTheDemoDirectoryBrief() throws {
        let seed = try loadSeed()
        let directory = seed.directory
        #expect(directory.organizations.count >= 120)
        #expect(directory.services.count >= 300)
        #expect(seed.barriers.count >= 20)
        #expect(seed.schools.count >= 15)
        #expect(Set(directory.services.flatMap(\.languages)).count >= 8)
        for status in EnrollmentStatus.allCases {
            #expect(directory.services.contains { $0.enrollment.status == status }, "no \(status) service")
        }
        for setting in Setting.allCases {
            #expect(directory.services.contains { $0.settings.contains(setting) }, "no \(setting) service")
        }
        for kind in CostKind.allCases {
            #expect(directory.services.contains { $0.cost.kind == kind }, "no \(kind) service")
        }
        for insurance in Insurance.allCases {
            #expect(directory.services.contains { $0.cost.insurance.contains(insurance) }, "no service takes \(insurance)")
        }
    }

    @Test func everyServiceHasALocatedSiteOfItsOwnOrganization() throws {
        let directory = try loadSeed().directory
        let locations = Dictionary(uniqueKeysWithValues: directory.locations.map { ($0.id, $0) })
        let sites = Dictionary(grouping: directory.servicesAtLocation, by: \.serviceID)
        for service in directory.services {
            let located = (sites[service.id] ?? []).compactMap { locations[$0.locationID] }
                .filter { $0.organizationID == service.organizationID && $0.coordinates?.isValid == true }
            #expect(!located.isEmpty, "service \(service.id) has no located site of its organization")
        }
    }

    @Test(arguments: TestBackend.available)
    func everyBarrierAndEveryDomainIntensityHasServicesInTheStore(backend: TestBackend) async throws {
        let seed = try loadSeed()
        try await withSeededStore(backend) { store async throws in
            let counts = try await store.counts()
            #expect(counts.services == seed.directory.services.count)
            #expect(counts.barriers == seed.barriers.count)
            #expect(counts.schools == seed.schools.count)
            for barrier in try await store.barriers() {
                let served = try await store.serviceIDs(servingBarrier: barrier)
                #expect(!served.isEmpty, "barrier \(barrier.id) has no service")
                // SQL prefix matching agrees with the model's.
                let expected = seed.directory.services.filter { $0.active && barrier.isServed(by: $0) }.map(\.id).sorted()
                #expect(served.sorted() == expected, "barrier \(barrier.id)")
            }
            for domain in Domain.allCases {
                for intensity in Intensity.allCases {
                    let page = try await store.services(matching: ServiceQuery(domain: domain, intensity: intensity, limit: 1))
                    #expect(!page.items.isEmpty, "no \(domain) × \(intensity) service")
                }
            }
            for service in seed.directory.services.prefix(50) {
                let sites = try await store.locations(ofServices: [service.id])[service.id] ?? []
                #expect(sites.contains { $0.coordinates != nil }, "service \(service.id) has no located site")
            }
            // Seeding is done once: a second call finds services and does nothing.
            #expect(try await store.seedIfEmpty(seed) == false)
        }
    }
}
