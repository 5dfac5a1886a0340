import Directory
import Foundation
import Storage
import Testing
import TestSupport

@Suite("Import transactions")
struct ImportTransactionTests {
    static let feedDate = Date(timeIntervalSince1970: 1_790_000_000)

    /// A feed of `count` services, each at its own location, under two organizations.
    static func feed(source: String = "feed", count: Int, verified: Date = feedDate) -> DirectorySnapshot {
        func provenance(_ id: String) -> Provenance { Provenance(source: source, externalID: id, lastVerifiedAt: verified) }
        var snapshot = DirectorySnapshot(organizations: ["o1", "o2"].map {
            Organization(id: "\(source):\($0)", name: "Org \($0)", provenance: provenance($0))
        })
        for index in 1...count {
            let organization = "\(source):o\(index % 2 + 1)"
            snapshot.locations.append(Location(
                id: "\(source):l\(index)", organizationID: organization, name: "Site \(index)",
                coordinates: Coordinates(lat: 41.5 + Double(index) / 1000, lon: -93.6), provenance: provenance("l\(index)")))
            snapshot.services.append(Service(
                id: "\(source):s\(index)", organizationID: organization, name: "Service \(index)", domains: [.health],
                intensity: .prevention, enrollment: Enrollment(status: .open), provenance: provenance("s\(index)")))
            snapshot.servicesAtLocation.append(ServiceAtLocation(
                id: "\(source):sl\(index)", serviceID: "\(source):s\(index)", locationID: "\(source):l\(index)"))
        }
        return snapshot
    }

    /// Writes the feed in batches of three services, as a reader's stream would.
    static func run(_ store: DirectoryStore, _ feed: DirectorySnapshot, source: String = "feed", dryRun: Bool = false) async throws -> ImportCounts {
        try await store.importFeed(.init(source: source, dryRun: dryRun)) { writer in
            try await writer.write(DirectorySnapshot(organizations: feed.organizations))
            for start in stride(from: 0, to: feed.services.count, by: 3) {
                let end = min(start + 3, feed.services.count)
                try await writer.write(DirectorySnapshot(
                    locations: Array(feed.locations[start..<end]), services: Array(feed.services[start..<end]),
                    servicesAtLocation: Array(feed.servicesAtLocation[start..<end])))
            }
            return true
        }
    }

    @Test(arguments: TestBackend.available)
    func reimportIsIdempotent(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let feed = Self.feed(count: 10)
            let first = try await Self.run(store, feed)
            #expect(first.services == .init(added: 10))
            #expect(first.organizations == .init(added: 2))
            #expect(first.locations == .init(added: 10))
            let second = try await Self.run(store, feed)
            #expect(second.services == .init(unchanged: 10))
            #expect(second.organizations == .init(unchanged: 2))
            #expect(second.locations == .init(unchanged: 10))
            #expect(try await store.counts().services == 10)
        }
    }

    @Test(arguments: TestBackend.available)
    func changedRecordsAreUpdatedAndMissingOnesWithdrawn(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            _ = try await Self.run(store, Self.feed(count: 10))
            // An unrelated source must not be touched by this source's withdrawals. (Its first import
            // skips the withdrawal pass: a source with no record before has none to withdraw.)
            let other = try await Self.run(store, Self.feed(source: "other", count: 2), source: "other")
            #expect(other.services == .init(added: 2) && other.locations == .init(added: 2) && other.linksRemoved == 0)
            #expect(try await store.services(matching: ServiceQuery(limit: 500)).items.count == 12)
            var next = Self.feed(count: 8)
            next.services[0].name = "Service 1 (renamed)"
            let counts = try await Self.run(store, next)
            #expect(counts.services == .init(updated: 1, unchanged: 7, withdrawn: 2))
            #expect(counts.locations.withdrawn == 2)
            let withdrawn = try #require(try await store.service(id: "feed:s10"))
            #expect(withdrawn.active == false)
            #expect(try await store.service(id: "other:s1")?.active == true)
            #expect(try await store.counts().services == 12)
            #expect(try await store.services(matching: ServiceQuery(limit: 500)).items.count == 10)

            // Coming back reactivates it.
            let again = try await Self.run(store, Self.feed(count: 10))
            #expect(again.services.updated == 3)
            #expect(try await store.service(id: "feed:s10")?.active == true)
        }
    }

    @Test(arguments: TestBackend.available)
    func partnerAvailabilityNewerThanTheFeedIsKept(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            _ = try await Self.run(store, Self.feed(count: 3))
            let partnerTime = Self.feedDate.addingTimeInterval(86_400 * 10)
            let waitlist = Enrollment(status: .waitlist, waitlistWeeks: 6, intakeMethods: [.phone])
            _ = try await store.updateAvailability(serviceID: "feed:s1", enrollment: waitlist, at: partnerTime)

            // The same (older) feed again: the partner's waitlist stays.
            var older = Self.feed(count: 3)
            older.services[0].description = "new description from the feed"
            let counts = try await Self.run(store, older)
            #expect(counts.availabilityKept == 1)
            let kept = try #require(try await store.service(id: "feed:s1"))
            #expect(kept.enrollment == waitlist)
            #expect(kept.description == "new description from the feed")
            #expect(kept.provenance.lastVerifiedAt == partnerTime)

            // A feed verified after the partner's report wins.
            let newer = Self.feed(count: 3, verified: partnerTime.addingTimeInterval(86_400))
            _ = try await Self.run(store, newer)
            #expect(try await store.service(id: "feed:s1")?.enrollment.status == .open)
        }
    }

    @Test(arguments: TestBackend.available)
    func linksDroppedFromAFullReimportAreRemoved(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            _ = try await Self.run(store, Self.feed(count: 4))
            _ = try await Self.run(store, Self.feed(source: "other", count: 1), source: "other")
            // Service 1 moved from site 1 to site 2: the feed now lists a different link.
            var moved = Self.feed(count: 4)
            moved.servicesAtLocation[0] = ServiceAtLocation(id: "feed:sl1-moved", serviceID: "feed:s1", locationID: "feed:l2")
            let counts = try await Self.run(store, moved)
            #expect(counts.linksRemoved == 1)
            let sites = try await store.locations(ofServices: ["feed:s1", "other:s1"])
            #expect(sites["feed:s1"]?.map(\.id) == ["feed:l2"])
            #expect(sites["other:s1"]?.map(\.id) == ["other:l1"])
            #expect(try await Self.run(store, moved).linksRemoved == 0)
        }
    }

    @Test(arguments: TestBackend.available)
    func dryRunsAndFailuresWriteNothing(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let dry = try await Self.run(store, Self.feed(count: 5), dryRun: true)
            #expect(dry.services.added == 5)
            #expect(try await store.counts().services == 0)

            struct Interrupted: Error {}
            await #expect(throws: Interrupted.self) {
                _ = try await store.importFeed(.init(source: "feed")) { writer in
                    try await writer.write(Self.feed(count: 4))
                    throw Interrupted()
                }
            }
            // Only the barrier vocabulary a migration installs.
            #expect(try await store.counts() == .init(
                organizations: 0, locations: 0, services: 0, barriers: BarrierVocabulary.barriers.count, schools: 0))
        }
    }

    /// A batch's inserts run after `write` returns; one that the database refuses (a link to a site
    /// that does not exist) still fails the import, and the batches before it are rolled back too.
    @Test(arguments: TestBackend.available)
    func aRefusedQueuedInsertFailsTheImportAndKeepsNothing(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            _ = try await Self.run(store, Self.feed(source: "other", count: 2), source: "other")
            let before = try await store.counts()
            var links = Self.feed(count: 2).servicesAtLocation
            links[1].locationID = "feed:no-such-site"
            let broken = DirectorySnapshot(servicesAtLocation: links)
            await #expect(throws: (any Error).self) {
                _ = try await store.importFeed(.init(source: "feed")) { writer in
                    try await writer.write(Self.feed(count: 6))
                    try await writer.write(broken)
                    try await writer.write(DirectorySnapshot(organizations: Self.feed(count: 1).organizations))
                    return true
                }
            }
            #expect(try await store.counts() == before)
            // The connection went back to the pool in order: the same store imports the feed afterwards.
            #expect(try await Self.run(store, Self.feed(count: 6)).services == .init(added: 6))
        }
    }

    /// Records need not carry their source as an id prefix (the seed's ids are `org-0001`); an import of
    /// such a source must still find them stored and update them, not count them added.
    @Test(arguments: TestBackend.available)
    func recordsWithoutTheSourcePrefixAreFoundAndUpdated(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            func provenance(_ id: String) -> Provenance { Provenance(source: "hand", externalID: id, lastVerifiedAt: Self.feedDate) }
            var organization = Organization(id: "agency-1", name: "Agency", provenance: provenance("agency-1"))
            let location = Location(id: "site-1", organizationID: "agency-1", name: "Site",
                                    coordinates: Coordinates(lat: 41.6, lon: -93.6), provenance: provenance("site-1"))
            let service = Service(id: "service-1", organizationID: "agency-1", name: "Service", domains: [.health],
                                  intensity: .prevention, enrollment: Enrollment(status: .open), provenance: provenance("service-1"))
            let first = DirectorySnapshot(organizations: [organization], locations: [location], services: [service],
                                          servicesAtLocation: [ServiceAtLocation(id: "link-1", serviceID: "service-1", locationID: "site-1")])
            let added = try await store.importFeed(.init(source: "hand")) { writer in
                try await writer.write(first)
                return true
            }
            #expect(added.organizations == .init(added: 1))

            organization.name = "Agency (renamed)"
            let renamed = organization
            let counts = try await store.importFeed(.init(source: "hand", isFullImport: false)) { writer in
                try await writer.write(DirectorySnapshot(organizations: [renamed]))
                return false
            }
            #expect(counts.organizations == .init(updated: 1))
            #expect(try await store.organization(id: "agency-1")?.name == "Agency (renamed)")
        }
    }
}
