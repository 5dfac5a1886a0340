import Foundation
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// Issue 21 item 7: a second open referral of a student to the same service is refused with the
/// open one's id unless the coordinator says why it is needed; ten simultaneous creates make one
/// referral on both engines (before, all ten succeeded).
@Suite("Security: one open referral per student and service")
struct DuplicateReferralTests {
    static func create(_ world: ReferralWorld, _ client: any TestClientProtocol, reason: String? = nil) async throws -> TestResponse {
        let reasonField = reason.map { #", "duplicate_reason": "\#($0)""# } ?? ""
        return try await client.call(.post, "/api/v1/referrals", token: world.token("coordinator"), json: """
            {"student_id": "\(world.studentID)", "service_id": "\(world.serviceID)", "barrier": "anxiety"\(reasonField)}
            """)
    }

    static func referralIDs(_ world: ReferralWorld) async throws -> [String] {
        try await world.referrals.referrals(ReferralFilter(studentID: world.studentID), visibleTo: world.users["admin"]!)
            .map(\.referral).filter { $0.serviceID == world.serviceID }.map(\.id)
    }

    @Test(arguments: TestBackend.available)
    func aSecondOpenReferralNeedsAReasonAndTheReasonIsAudited(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let first = try await Self.create(world, client)
            #expect(first.status == .created)
            let firstID = try #require(try json(first)["id"] as? String)

            let refused = try await Self.create(world, client)
            #expect(refused.status == .conflict)
            #expect(refused.headers[.contentType] == "application/problem+json")
            let problem = try json(refused)
            #expect(problem["code"] as? String == "open_referral_exists")
            #expect(problem["existing_referral_id"] as? String == firstID)
            #expect(problem["parameter"] as? String == "duplicate_reason")
            #expect(try await Self.create(world, client, reason: "   ").status == .conflict, "a blank reason is no reason")
            #expect(try await Self.referralIDs(world) == [firstID])

            let second = try await Self.create(world, client, reason: "the first was sent to the wrong campus of this program")
            #expect(second.status == .created)
            let secondID = try #require(try json(second)["id"] as? String)
            let log = try await world.referrals.auditLog(studentID: world.studentID, by: world.users["admin"]!)
            let creation = try #require(log.first { $0.action == "referral.create" && $0.referralID == secondID })
            #expect(creation.detail.contains("the first was sent to the wrong campus of this program"))
            #expect(try await Self.referralIDs(world).sorted() == [firstID, secondID].sorted())
        }
    }

    @Test(arguments: TestBackend.available)
    func aReferralThatIsOverDoesNotBlockANewOne(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let first = try #require(try json(try await Self.create(world, client))["id"] as? String)
            #expect(try await client.event(world, first, as: "coordinator", #"{"action": "cancel"}"#, version: 0).status == .ok)
            #expect(try await Self.create(world, client).status == .created)
        }
    }

    @Test(arguments: TestBackend.available)
    func tenSimultaneousCreatesMakeOneReferral(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let responses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        let response = try await Self.create(world, client)
                        let body = try json(response)
                        return (response.status, (body["id"] ?? body["existing_referral_id"]) as? String)
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, String?)]()) { $0.append($1) }
            }
            let statuses = responses.map(\.0)
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses.map(\.code))")
            #expect(statuses.filter { $0 == .conflict }.count == 9, "\(statuses.map(\.code))")
            let ids = try await Self.referralIDs(world)
            #expect(ids.count == 1)
            #expect(Set(responses.compactMap(\.1)) == Set(ids), "every refusal names the one referral made")
        }
    }
}

/// The draft form answers a refused duplicate with the API's 409, a link to the open referral and
/// a field for the reason; with a reason it saves the second referral.
@Suite("Security: the draft form and duplicate referrals")
struct DuplicateReferralPageTests {
    @Test(arguments: TestBackend.available)
    func theDraftFormLinksTheOpenReferralAndAsksWhy(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let open = try await world.referrals.createReferral(
                NewReferral(studentID: world.studentID, serviceID: world.serviceID, barrier: "anxiety"),
                by: world.users["coordinator"]!, now: WebWorld.now)
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            _ = try await coordinator.get("/coordinator/referrals/new?service=\(world.serviceID)&student=\(world.studentID)")
            let fields = [("service_id", world.serviceID), ("student_id", world.studentID), ("barrier", "anxiety"), ("tier", "2"),
                          ("then", "draft")]
            let refused = try await coordinator.post("/coordinator/referrals", fields)
            #expect(refused.status == .conflict)
            #expect(refused.html.contains(#"<a href="/referrals/\#(open.id)">"#))
            #expect(refused.html.contains(#"name="duplicate_reason""#))
            let admin = world.users["admin"]!
            #expect(try await world.referrals.referrals(ReferralFilter(studentID: world.studentID), visibleTo: admin).count == 1)

            let saved = try await coordinator.post("/coordinator/referrals", fields + [("duplicate_reason", "a second intake at the evening clinic")])
            #expect(saved.status == .seeOther)
            #expect(try await world.referrals.referrals(ReferralFilter(studentID: world.studentID), visibleTo: admin).count == 2)
        }
    }
}
