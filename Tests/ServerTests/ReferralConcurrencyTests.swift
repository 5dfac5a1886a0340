import Foundation
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

@Suite("Referral concurrency")
struct ReferralConcurrencyTests {
    @Test(arguments: TestBackend.available)
    func fiftyConcurrentUpdatesWithOneVersionLetExactlyOneThrough(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            _ = try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<50 {
                    group.addTask {
                        try await client.event(world, id, as: "partner", #"{"action": "accept", "note": "attempt \#(index)"}"#, version: 1).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 49)
            let referral = try #require(try await world.referrals.referral(id: id, visibleTo: world.users["admin"]!))
            #expect(referral.events.count == 2)
            #expect(referral.version == 2)
            #expect(referral.state == .accepted)
        }
    }
}
