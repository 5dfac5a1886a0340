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

    /// Polls instance B until `condition` holds, for at most `limit` of the time this process was
    /// able to run; returns how long it took. When the machine is starved (the whole suite runs in
    /// parallel on two cores) a 20 ms sleep can take a second; the time a poll's sleep or request
    /// overran by is time nobody in this process ran, so it extends the deadline rather than fail
    /// the test for the scheduler's sake. On a quiet machine the deadline is exactly `limit`.
    static func waitUntil(
        within limit: Duration, _ condition: () async throws -> Bool
    ) async throws -> Duration? {
        let clock = ContinuousClock()
        let start = clock.now
        let pause = Duration.milliseconds(20), expectedPoll = Duration.milliseconds(100)
        var starved = Duration.zero
        while clock.now - start < limit + starved {
            let pollStart = clock.now
            if try await condition() { return clock.now - start }
            try await Task.sleep(for: pause)
            starved += max(.zero, clock.now - pollStart - pause - expectedPoll)
        }
        return try await condition() ? clock.now - start : nil
    }

    @Test(arguments: TestBackend.available)
    func aChangeWrittenThroughOneInstanceShowsInTheOthersMatchesWithinASecond(backend: TestBackend) async throws {
        try await withSeededStore(backend) { storeA async throws in
            // Instance B: the application as `serve` builds it, its index following the database.
            try await testApplication(storeA).test(.router) { client async throws in
                let before = try await Self.matchedIDs(client)
                let target = try #require(before.first, "the seed should match anxiety for this profile")

                // Instance A: the partner closes enrollment.
                _ = try await storeA.updateAvailability(serviceID: target, enrollment: Enrollment(status: .closed))
                let closedAfter = try await Self.waitUntil(within: .seconds(1)) {
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
                let addedAfter = try await Self.waitUntil(within: .seconds(1)) {
                    (try await Self.matchedIDs(client)).contains(copy.id)
                }
                #expect(addedAfter != nil, "instance B does not suggest the imported service a second later")
            }
        }
    }
}
