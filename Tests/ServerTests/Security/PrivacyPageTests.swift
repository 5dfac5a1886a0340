import Foundation
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// The pages keep the same promises as the API: a partner's referral page and inbox carry only
/// what the consent shares, and a coordinator revokes a consent from the student page (a form
/// with the session's CSRF token), after which the partner's page shows only its own record.
@Suite("Privacy: pages")
struct PrivacyPageTests {
    static let note = "NOTE-on-the-page-only-for-school"

    @Test(arguments: TestBackend.available)
    func partnerPagesShowOnlyWhatTheConsentSharesAndRevokingCutsThem(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let coordinatorUser = world.users["coordinator"]!
            let draft = try await world.referrals.createReferral(
                NewReferral(studentID: world.studentID, serviceID: world.serviceID, barrier: "anxiety", tier: 2, note: Self.note,
                            duplicateReason: ReferralFixture.repeatReason), by: coordinatorUser, now: WebWorld.now)
            _ = try await world.referrals.apply(ReferralCommand(.send), toReferral: draft.id, expectedVersion: 0, by: coordinatorUser, now: WebWorld.now)
            let schoolName = try #require(try await world.store.schools().first { $0.id == world.schoolID }?.name)

            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            var page = try await partner.get("/referrals/\(draft.id)")
            #expect(page.status == .ok)
            #expect(!page.html.contains(Self.note), "the note is not shared")
            #expect(!page.html.contains(schoolName), "the school is not shared")
            #expect(page.html.contains("Grade"))
            let inbox = try await partner.get("/partner/inbox")
            #expect(!inbox.html.contains(schoolName))

            // The coordinator revokes the consent on the student page; without the form's token nothing happens.
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            let studentPage = try await coordinator.get("/coordinator/students/\(world.studentID)")
            let html = studentPage.html
            let range = try #require(html.range(of: #"/consents/(con_[^/"]+)/revoke"#, options: .regularExpression))
            let action = "/coordinator/students/\(world.studentID)" + String(html[range])
            #expect(try await coordinator.post(action, [], csrf: .none).status == .forbidden)
            #expect(try await world.referrals.consents(studentID: world.studentID).allSatisfy { $0.consent.revokedAt == nil })
            let revoked = try await coordinator.post(action, [])
            #expect(revoked.status == .seeOther)
            #expect(revoked.location == "/coordinator/students/\(world.studentID)?notice=consent_revoked")
            let after = try await coordinator.get(revoked.location!)
            #expect(after.html.contains("Consent revoked."))
            #expect(!after.html.contains(#"/revoke""#), "a revoked consent offers no second revoke")

            page = try await partner.get("/referrals/\(draft.id)")
            #expect(page.status == .ok)
            #expect(page.html.contains("has ended (expired or revoked)"))
            #expect(!page.html.contains("Grade</dt>"))
            #expect(!page.html.contains("<dt>Barrier</dt>"), "the need is not the partner's to keep")
            let audit = try await world.referrals.auditLog(by: world.users["admin"]!)
            #expect(audit.contains { $0.action == "consent.revoke" && $0.actorID == coordinatorUser.id })
        }
    }
}
