import Directory
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
import Storage
import Testing
import TestSupport

/// Issue 22 item 4 through HTTP: the family's preferred contact recorded with a consent (API) and
/// shown to the partner only when the consent shares it (JSON and page); the check-in page with no
/// login — its question, its answers, and a clear page with the right status for a link used
/// twice, expired, tampered or mangled.
@Suite("Family contact and check-in over HTTP")
struct FamilyCheckInPageTests {
    static let contactJSON = #"{"channel": "email", "address": "family.lopez@home.example", "language": "en", "best_time": "after 5 pm"}"#

    static func recordContact(_ world: ReferralWorld, _ client: any TestClientProtocol) async throws -> TestResponse {
        try await client.call(.post, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator"), json: """
            {"organization_ids": ["\(world.organizationID)"], "given_by": "Maria Lopez (mother)", "method": "written",
             "shared_fields": ["grade"], "family_contact": \(contactJSON)}
            """)
    }

    @Test(arguments: TestBackend.available)
    func thePartnerSeesTheFamilysContactOnlyWhenTheConsentSharesIt(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let referral = try await world.sent()
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))

            // Not shared: neither the JSON nor the page has it.
            let before = try await client.call(.get, "/api/v1/referrals/\(referral.id)", token: world.token("partner"))
            #expect(before.status == .ok)
            #expect(try json(before)["family_contact"] == nil)
            let pageBefore = try await partner.get("/referrals/\(referral.id)")
            #expect(pageBefore.status == .ok)
            #expect(!pageBefore.html.contains("Family's preferred contact"))
            #expect(!pageBefore.html.contains("family.lopez@home.example"))

            // Sharing it without saying what it is is refused, naming the field.
            let empty = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator"), json: """
                {"organization_ids": ["\(world.organizationID)"], "given_by": "mother", "method": "written", "shared_fields": ["family_contact"]}
                """)
            #expect(empty.status == .unprocessableContent)
            #expect(String(buffer: empty.body).contains("family_contact"))
            let badEmail = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents", token: world.token("coordinator"), json: """
                {"organization_ids": ["\(world.organizationID)"], "given_by": "mother", "method": "written", "shared_fields": [],
                 "family_contact": {"channel": "email", "address": "not an address", "language": "en"}}
                """)
            #expect(badEmail.status == .unprocessableContent)

            // Recorded: the consent carries it and shares it.
            let recorded = try await Self.recordContact(world, client)
            #expect(recorded.status == .created, "\(String(buffer: recorded.body))")
            let consent = try json(recorded)
            #expect((consent["shared_fields"] as? [String])?.contains("family_contact") == true)
            #expect((consent["family_contact"] as? [String: Any])?["address"] as? String == "family.lopez@home.example")

            let after = try await client.call(.get, "/api/v1/referrals/\(referral.id)", token: world.token("partner"))
            let contact = try #require(try json(after)["family_contact"] as? [String: Any])
            #expect(contact["channel"] as? String == "email")
            #expect(contact["language"] as? String == "en")
            #expect(contact["best_time"] as? String == "after 5 pm")
            let pageAfter = try await partner.get("/referrals/\(referral.id)")
            #expect(pageAfter.html.contains("Family's preferred contact"))
            #expect(pageAfter.html.contains("mailto:family.lopez@home.example"))
            #expect(pageAfter.html.contains("after 5 pm"))

            // Revoked: gone again at once.
            let consentID = try #require(consent["id"] as? String)
            let revoked = try await client.call(.post, "/api/v1/students/\(world.studentID)/consents/\(consentID)/revoke",
                                                token: world.token("coordinator"))
            #expect(revoked.status == .ok)
            let afterRevoke = try await client.call(.get, "/api/v1/referrals/\(referral.id)", token: world.token("partner"))
            #expect(try json(afterRevoke)["family_contact"] == nil)
        }
    }

    static func form(_ client: any TestClientProtocol, _ uri: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: body)) { $0 }
    }

    @Test(arguments: TestBackend.available)
    func theCheckInPageAsksOnceAndRefusesEachBadLinkClearly(backend: TestBackend) async throws {
        try await withReferralWorld(backend) { world, client async throws in
            #expect(try await Self.recordContact(world, client).status == .created)
            let referral = try await world.sent()
            let row = try #require(try await OutboxStore(database: world.store.database).messages(referralID: referral.id)
                .first { $0.event == "family.check_in" })
            let start = try #require(row.body.range(of: "/check-in/")).upperBound
            let token = String(row.body[start...].prefix { !$0.isWhitespace })

            let page = try await client.execute(uri: "/check-in/\(token)", method: .get, headers: [.accept: "text/html"]) { $0 }
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("<html lang=\"en\">"))
            #expect(html.contains("Did you reach Youth Counseling (ages 10-17)?"))
            #expect(html.contains("Did you reach them?"))
            for answer in ["Yes, we started", "Not yet", "We need help"] { #expect(html.contains(answer)) }
            // No student data, no school, no need, no referral id on the page.
            for fact in [ReferralFixture.districtStudentID, "anxiety", "Hoover", referral.id, "absences"] {
                #expect(!html.contains(fact), "the check-in page shows \(fact)")
            }

            let answered = try await Self.form(client, "/check-in/\(token)", "answer=started")
            #expect(answered.status == .ok)
            #expect(String(buffer: answered.body).contains("Thank you"))
            let after = try #require(try await world.referrals.referral(id: referral.id, visibleTo: world.users["admin"]!))
            #expect(after.state == .connected)
            #expect(after.history.confirmedBy == .family)

            let again = try await Self.form(client, "/check-in/\(token)", "answer=need_help")
            #expect(again.status == .gone)
            #expect(String(buffer: again.body).contains("already used"))
            #expect(try await client.execute(uri: "/check-in/\(token)", method: .get) { $0 }.status == .gone)

            var tampered = token
            // Not the last character: its low bits may be base64 padding that decodes to the same bytes
            // (then the link is merely used, 410, as one run in several saw).
            let inside = tampered.index(tampered.endIndex, offsetBy: -5)
            tampered.replaceSubrange(inside...inside, with: tampered[inside] == "x" ? "y" : "x")
            let forged = try await client.execute(uri: "/check-in/\(tampered)", method: .get) { $0 }
            #expect(forged.status == .forbidden)
            #expect(String(buffer: forged.body).contains("This link is not valid"))
            let mangled = try await client.execute(uri: "/check-in/v1.abc", method: .get) { $0 }
            #expect(mangled.status == .badRequest)
            #expect(String(buffer: mangled.body).contains("copied the whole link"))
            let noAnswer = try await Self.form(client, "/check-in/\(token)", "answer=maybe")
            #expect(noAnswer.status == .badRequest)

            // Expired: a second referral's link, read 40 days later.
            let second = try await world.sent(barrier: "depression")
            let secondRow = try #require(try await OutboxStore(database: world.store.database).messages(referralID: second.id)
                .first { $0.event == "family.check_in" })
            let secondStart = try #require(secondRow.body.range(of: "/check-in/")).upperBound
            let secondToken = String(secondRow.body[secondStart...].prefix { !$0.isWhitespace })
            try await world.application(clock: ReferralWorld.now.addingTimeInterval(40 * 86_400)).trackedTest(.router) { late async throws in
                let expired = try await late.execute(uri: "/check-in/\(secondToken)", method: .get) { $0 }
                #expect(expired.status == .gone)
                #expect(String(buffer: expired.body).contains("expired"))
                let expiredAnswer = try await Self.form(late, "/check-in/\(secondToken)", "answer=not_yet")
                #expect(expiredAnswer.status == .gone)
            }
        }
    }
}
