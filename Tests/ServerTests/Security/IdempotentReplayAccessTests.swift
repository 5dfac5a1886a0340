import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import SQLKit
@testable import Storage
import Testing
import TestSupport

/// Issue 21 (harden2, item 2): a retried `Idempotency-Key` is answered with the stored reply only
/// while the caller may still read it. Before, the stored body came back to a partner whose consent
/// had been revoked (with the need and the coordinator's note in it) and to a coordinator who no
/// longer had the student's school.
@Suite("Security: idempotent replays re-check access")
struct IdempotentReplayAccessTests {
    static func key(_ text: String) -> HTTPFields { [HTTPField.Name("Idempotency-Key")!: text] }

    @Test(arguments: TestBackend.available)
    func aPartnerWhoseConsentWasRevokedGetsTheReducedReplyOnReplay(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let id = try await client.draftReferral(world)
            #expect(try await client.event(world, id, as: "coordinator", #"{"action": "send"}"#, version: 0).status == .ok)
            var headers = Self.key("accept-\(id)")
            headers[.ifMatch] = "\"1\""
            let first = try await client.call(.post, "/api/v1/referrals/\(id)/events", token: world.token("partner"),
                                              json: #"{"action": "accept"}"#, headers: headers)
            #expect(first.status == .ok)
            #expect(try json(first)["barrier"] as? String == "anxiety")

            let consents = try await client.call(.get, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator"))
            let consentID = try #require((try json(consents)["items"] as? [[String: Any]])?.first?["id"] as? String)
            let revoked = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents/\(consentID)/revoke",
                                                token: world.token("coordinator"), json: "{}")
            #expect(revoked.status == .ok)

            let replay = try await client.call(.post, "/api/v1/referrals/\(id)/events", token: world.token("partner"),
                                               json: #"{"action": "accept"}"#, headers: headers)
            #expect(replay.status == .ok)
            #expect(replay.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let replayed = try json(replay)
            #expect(replayed["barrier"] as? String == nil, "the need is no longer the partner's to read: \(replayed)")
            #expect(!String(buffer: replay.body).contains("anxiety"))
            // The same as a fresh read, and still no second event.
            let fresh = try json(try await client.call(.get, "/api/v1/referrals/\(id)", token: world.token("partner")))
            #expect(replayed["state"] as? String == fresh["state"] as? String && fresh["barrier"] as? String == nil)
            #expect(try await world.referrals.referral(id: id, visibleTo: world.users["admin"]!)?.events.count == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func aCoordinatorWhoLostTheSchoolGets404OnReplay(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let token = world.token("coordinator")
            let studentBody = #"{"district_student_id": "S-7001", "school_id": "\#(world.schoolID)", "grade": "5", "age": 10}"#
            let student = try await client.call(.post, "/api/v1/students", token: token, json: studentBody, headers: Self.key("student-7001"))
            #expect(student.status == .created)
            let referralBody = """
                {"student_id": "\(world.studentID)", "service_id": "\(world.serviceID)", "barrier": "anxiety",
                 "duplicate_reason": "\(ReferralFixture.repeatReason)"}
                """
            let referral = try await client.call(.post, "/api/v1/referrals", token: token, json: referralBody, headers: Self.key("referral-1"))
            #expect(referral.status == .created)
            // Replays work while access lasts.
            #expect(try await client.call(.post, "/api/v1/students", token: token, json: studentBody, headers: Self.key("student-7001")).status == .created)

            // The coordinator is moved off the school.
            try await world.store.database.sql.raw("DELETE FROM user_schools WHERE user_id = \(bind: world.users["coordinator"]!.id)").run()

            let studentReplay = try await client.call(.post, "/api/v1/students", token: token, json: studentBody, headers: Self.key("student-7001"))
            #expect(studentReplay.status == .notFound)
            #expect(!String(buffer: studentReplay.body).contains("S-7001"))
            let referralReplay = try await client.call(.post, "/api/v1/referrals", token: token, json: referralBody, headers: Self.key("referral-1"))
            #expect(referralReplay.status == .notFound)
        }
    }

    @Test(arguments: TestBackend.available)
    func aRevokedTokenOrADisabledUserGets401OnReplay(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            let accounts = AccountStore(database: world.store.database)
            let coordinator = world.users["coordinator"]!, admin = world.users["admin"]!
            let issued = try await accounts.issueToken(userID: coordinator.id, expiresAt: nil, by: admin, now: Date())
            let body = #"{"district_student_id": "S-7002", "school_id": "\#(world.schoolID)", "grade": "5", "age": 10}"#
            #expect(try await client.call(.post, "/api/v1/students", token: issued.token, json: body, headers: Self.key("s-7002")).status == .created)
            _ = try await accounts.revokeTokens(ids: [issued.info.id], ofUser: coordinator.id, by: admin, now: Date())
            let revoked = try await client.call(.post, "/api/v1/students", token: issued.token, json: body, headers: Self.key("s-7002"))
            #expect(revoked.status == .unauthorized)
            #expect(!String(buffer: revoked.body).contains("S-7002"))

            let other = #"{"district_student_id": "S-7003", "school_id": "\#(world.schoolID)", "grade": "5", "age": 10}"#
            #expect(try await client.call(.post, "/api/v1/students", token: world.token("coordinator"), json: other,
                                          headers: Self.key("s-7003")).status == .created)
            _ = try await accounts.setDisabled(true, userID: coordinator.id, by: admin, now: Date())
            let disabled = try await client.call(.post, "/api/v1/students", token: world.token("coordinator"), json: other,
                                                 headers: Self.key("s-7003"))
            #expect(disabled.status == .unauthorized)
            #expect(!String(buffer: disabled.body).contains("S-7003"))
        }
    }
}
