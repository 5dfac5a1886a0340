import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Storage
import Testing
import TestSupport

/// Two server instances on one database: what one writes shows in the other's matches within a
/// second, through LISTEN/NOTIFY on PostgreSQL and the change-log poll on SQLite.
@Suite("Match index freshness across instances")
struct MatchFreshnessTests {
    static let profile = """
        {"barriers": ["anxiety"], "tier": 2, "age": 13, "languages": ["es"], "insurance": "medicaid",
         "home": {"lat": 41.59, "lon": -93.62}, "transportation": "car"}
        """

    static func matchedIDs(_ client: some TestClientProtocol) async throws -> [String] {
        let response = try await MatchAPITests.post(client, profile)
        #expect(response.status == .ok)
        let results = try #require(try json(response)["results"] as? [[String: Any]])
        return (results.first?["services"] as? [[String: Any]] ?? []).compactMap { $0["service_id"] as? String }
    }

    @Test(arguments: TestBackend.available)
    func aChangeWrittenThroughOneInstanceShowsInTheOthersMatchesWithinASecond(backend: TestBackend) async throws {
        try await withSeededStore(backend) { storeA async throws in
            // Instance B: the application as `serve` builds it, its index following the database.
            try await testApplication(storeA).trackedTest(.router) { client async throws in
                let before = try await Self.matchedIDs(client)
                let target = try #require(before.first, "the seed should match anxiety for this profile")

                // Instance A: the partner closes enrollment.
                _ = try await storeA.updateAvailability(serviceID: target, enrollment: Enrollment(status: .closed))
                let closedAfter = try await waitUntil(within: .seconds(1)) {
                    !(try await Self.matchedIDs(client)).contains(target)
                }
                #expect(closedAfter != nil, "instance B still suggests \(target) a second after it closed")

                // Instance A: an import adds a new service; B rebuilds and suggests it.
                var draft = try #require(try await storeA.service(id: target))
                draft.id = "fresh-import-copy"
                draft.provenance = Provenance(source: "freshness", externalID: draft.id, lastVerifiedAt: Date())
                draft.enrollment = Enrollment(status: .open)
                let copy = draft
                let sites = try await storeA.locations(ofServices: [target])[target] ?? []
                let links = sites.map { ServiceAtLocation(id: "fresh-\($0.id)", serviceID: copy.id, locationID: $0.id) }
                _ = try await storeA.importFeed(.init(source: "freshness")) { writer in
                    try await writer.write(DirectorySnapshot(services: [copy], servicesAtLocation: links))
                    return true
                }
                let addedAfter = try await waitUntil(within: .seconds(1)) {
                    (try await Self.matchedIDs(client)).contains(copy.id)
                }
                #expect(addedAfter != nil, "instance B does not suggest the imported service a second later")
            }
        }
    }
}
