import Directory
import Foundation
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// The barrier vocabulary in every store (migration 12), and `closeloop seed` on a store that has services.
@Suite("Barrier vocabulary in the store")
struct BarrierVocabularyTests {
    @Test(arguments: TestBackend.available)
    func aFreshStoreHoldsTheShippedVocabulary(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            #expect(try await store.barriers() == BarrierVocabulary.barriers.sorted { $0.id < $1.id })
            #expect(try await store.barriers() == (try loadSeed().barriers).sorted { $0.id < $1.id })
            #expect(try await store.counts().services == 0)
        }
    }

    /// A store seeded before the vocabulary moved into a migration: its barriers of the same ids are
    /// brought up to the shipped ones (no more RM-6500), one of its own stays.
    @Test(arguments: TestBackend.available)
    func migrationTwelveUpdatesAnOlderVocabularyAndKeepsOthers(backend: TestBackend) async throws {
        try await withFreshStore(backend, migrating: false) { store async throws in
            let database = store.database
            #expect(try await database.migrate(through: 11) == Array(1...11))
            let oldAnxiety = Barrier(
                id: "anxiety", label: "Anxiety", description: "old", domains: [.socialEmotional, .health],
                intensities: [.earlyIntervention, .intensive], taxonomyPrefixes: ["RP-1400.8000-050", "RM-6500"])
            let own = Barrier(id: "district_own", label: "Our own need", domains: [.family], intensities: [.prevention],
                              taxonomyPrefixes: ["PH-9999"])
            try await database.sql.insertRows([BarrierRow(oldAnxiety), BarrierRow(own)], into: "barriers", replacingByID: false)

            #expect(try await database.migrate() == Database.schemaVersions.filter { $0 >= 12 })
            let stored = Dictionary(uniqueKeysWithValues: try await store.barriers().map { ($0.id, $0) })
            #expect(stored["anxiety"] == BarrierVocabulary.barriers.first { $0.id == "anxiety" })
            #expect(stored["anxiety"]?.taxonomyPrefixes.contains("RM-6500") == false)
            #expect(stored["district_own"] == own)
            #expect(stored.count == BarrierVocabulary.barriers.count + 1)
            #expect(try await database.migrate() == [])
        }
    }

    /// SQL's barrier membership follows the model's: a facility code ties nothing even under a prefix.
    @Test(arguments: TestBackend.available)
    func providerTypeCodesTieNoServiceInSQL(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let barrier = Barrier(id: "old_mental_health", label: "Old", domains: [.health], intensities: [.intensive],
                                  taxonomyPrefixes: ["RM-6500", "BD-1800"])
            let services = [
                ("feed:agency-only", ["RM-6500.1500"]), ("feed:pantry", ["RM-6500.1500", "BD-1800.2000"]),
                ("feed:for-youth", ["YB-9500.1500"]),
            ].map { id, codes in
                Service(id: id, organizationID: "feed:org", name: id, domains: [], intensity: nil, taxonomyCodes: codes,
                        provenance: Provenance(source: "feed", externalID: id))
            }
            let provenance = Provenance(source: "feed", externalID: "org")
            try await store.save(DirectorySnapshot(
                organizations: [Organization(id: "feed:org", name: "Clinic", provenance: provenance)], services: services))
            #expect(try await store.serviceIDs(servingBarrier: barrier) == ["feed:pantry"])
            #expect(services.filter(barrier.isServed).map(\.id) == ["feed:pantry"])
        }
    }

    @Test(arguments: TestBackend.available)
    func seedingAStoreWithServicesUpdatesOnlyTheBarriers(backend: TestBackend) async throws {
        let seed = try loadSeed()
        try await withFreshStore(backend) { store async throws in
            let provenance = Provenance(source: "county", externalID: "x")
            try await store.save(DirectorySnapshot(
                organizations: [Organization(id: "county:org", name: "County", provenance: provenance)],
                services: [Service(id: "county:svc", organizationID: "county:org", name: "Tutoring", domains: [], intensity: nil,
                                   provenance: provenance)]))
            #expect(try await store.seed(seed)
                == .updatedBarriers(added: 0, changed: 0, unchanged: seed.barriers.count, servicesPresent: 1))

            var edited = try #require(seed.barriers.first)
            edited.label = "Edited"
            try await store.saveBarriers([edited])
            #expect(try await store.seed(seed)
                == .updatedBarriers(added: 0, changed: 1, unchanged: seed.barriers.count - 1, servicesPresent: 1))
            #expect(try await store.barriers().first { $0.id == edited.id }?.label == seed.barriers[0].label)
            let counts = try await store.counts()
            #expect(counts.services == 1 && counts.organizations == 1 && counts.schools == 0)
        }
        try await withFreshStore(backend) { store async throws in
            #expect(try await store.seed(seed) == .loadedDirectory(
                organizations: seed.directory.organizations.count, services: seed.directory.services.count,
                schools: seed.schools.count))
        }
    }
}
