import Foundation
import Hummingbird
import HummingbirdTesting
import Notifications
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// `/account/notifications`: each signed-in user chooses immediately, a daily digest or off; the
/// form needs the session's token, a value outside the three is refused with the choice kept, and
/// the choice is what the outbox then follows.
@Suite("Notifications: the preference page")
struct NotificationPreferencePageTests {
    @Test(arguments: TestBackend.available)
    func aUserChoosesHowTheyAreNotified(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let outbox = OutboxStore(database: world.store.database)
            let partnerID = world.users["partner"]!.id
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            #expect(try await partner.get("/account/profile").html.contains(#"href="/account/notifications""#))
            let form = try await partner.get("/account/notifications")
            #expect(form.status == .ok)
            #expect(form.html.contains(#"value="immediately" aria-describedby="preference-immediately-help" checked"#))
            #expect(form.html.contains("One email a day at 07:00"))

            // Without the session's token nothing is saved.
            #expect(try await partner.post("/account/notifications", [("preference", "off")], csrf: .none).status == .forbidden)
            #expect(try await outbox.preference(userID: partnerID) == .immediately)

            let saved = try await partner.post("/account/notifications", [("preference", "daily_digest")])
            #expect(saved.status == .seeOther && saved.location == "/account/notifications?notice=saved")
            let shown = try await partner.get(saved.location!)
            #expect(shown.html.contains("Notification settings saved."))
            #expect(shown.html.contains(#"value="daily_digest" aria-describedby="preference-daily_digest-help" checked"#))
            #expect(try await outbox.preference(userID: partnerID) == .dailyDigest)

            let bad = try await partner.post("/account/notifications", [("preference", "hourly")])
            #expect(bad.status == .unprocessableContent && bad.html.contains("choose one of the three"))
            #expect(try await outbox.preference(userID: partnerID) == .dailyDigest)

            // The outbox follows it: a new referral writes no immediate email for a digest reader.
            let referral = try await world.sent()
            #expect(try await outbox.messages(referralID: referral.id).filter { $0.userID == partnerID }.isEmpty)

            // Signed out, the page is not shown.
            #expect(try await PageBrowser(client).get("/account/notifications").status != .ok)
        }
    }
}
