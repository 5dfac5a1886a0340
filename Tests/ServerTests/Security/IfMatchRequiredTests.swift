import Foundation
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// Issue 21 item 6: a change to a referral without the version the caller saw is refused the same
/// way on SQLite and PostgreSQL (428), and with one version exactly one of many concurrent changes
/// passes on both. Before, 50 parallel contact attempts without If-Match gave 50×200 on SQLite and
/// 8×200 + 42×409 on PostgreSQL.
@Suite("Security: If-Match is required on both engines")
struct IfMatchRequiredTests {
    static func contactAttempts(
        _ world: ReferralWorld, _ client: any TestClientProtocol, referral id: String, count: Int, version: Int?
    ) async throws -> [HTTPResponse.Status] {
        try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
            for index in 0..<count {
                group.addTask {
                    try await client.event(world, id, as: "partner", #"{"action": "contact_attempt", "note": "call \#(index)"}"#,
                                           version: version).status
                }
            }
            return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
        }
    }

    @Test(arguments: TestBackend.available)
    func fiftyContactAttemptsWithoutIfMatchAreAllRefusedWith428(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            #expect(try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0).status == .ok)

            let statuses = try await Self.contactAttempts(world, client, referral: id, count: 50, version: nil)
            #expect(statuses.count == 50)
            #expect(statuses.allSatisfy { $0 == .preconditionRequired }, "\(Set(statuses.map(\.code)))")

            let one = try await client.event(world, id, as: "partner", #"{"action": "contact_attempt"}"#)
            #expect(one.headers[.contentType] == "application/problem+json")
            let problem = try json(one)
            #expect(problem["code"] as? String == "precondition_required")
            #expect(problem["status"] as? Int == 428)
            #expect(problem["parameter"] as? String == "If-Match")

            let referral = try #require(try await world.referrals.referral(id: id, visibleTo: world.users["admin"]!))
            #expect(referral.version == 1)
            #expect(referral.events.map(\.action) == [.send])
        }
    }

    @Test(arguments: TestBackend.available)
    func fiftyContactAttemptsWithOneIfMatchLetExactlyOneThrough(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            #expect(try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0).status == .ok)

            let statuses = try await Self.contactAttempts(world, client, referral: id, count: 50, version: 1)
            #expect(statuses.filter { $0 == .ok }.count == 1)
            #expect(statuses.filter { $0 == .conflict }.count == 49, "\(statuses.map(\.code))")

            let referral = try #require(try await world.referrals.referral(id: id, visibleTo: world.users["admin"]!))
            #expect(referral.version == 2)
            #expect(referral.events.map(\.action) == [.send, .contactAttempt])
            #expect(referral.state == .referred)
        }
    }

    /// The pages send the version they were shown at in a hidden field; a form without it changes nothing.
    @Test(arguments: TestBackend.available)
    func aPageFormWithoutTheVersionChangesNothing(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let referral = try await world.sent()
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            let shown = try await partner.get("/referrals/\(referral.id)")
            #expect(shown.html.contains(#"<input type="hidden" name="version" value="1">"#))

            let refused = try await partner.post("/referrals/\(referral.id)/actions", [("action", "accept")])
            #expect(refused.status == .preconditionRequired)
            #expect(refused.html.contains("did not say which version"))
            #expect(try await world.referrals.referral(id: referral.id, visibleTo: world.users["admin"]!)?.state == .referred)

            let accepted = try await partner.post("/referrals/\(referral.id)/actions", [("action", "accept"), ("version", "1")])
            #expect(accepted.status == .seeOther)
            #expect(try await world.referrals.referral(id: referral.id, visibleTo: world.users["admin"]!)?.state == .accepted)
        }
    }
}
