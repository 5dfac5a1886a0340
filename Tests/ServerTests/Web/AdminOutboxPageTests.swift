import Foundation
import Hummingbird
import Localization
import HummingbirdTesting
import Notifications
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// The administrator's outbox page: counts, dead letters with their last error, and queueing one
/// again; other roles are refused and the retry form needs the session's token.
@Suite("Notifications: the admin outbox page")
struct AdminOutboxPageTests {
    @Test(arguments: TestBackend.available)
    func deadLettersAreListedAndCanBeQueuedAgainByAnAdminOnly(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let (referral, outbox, dead) = try await world.deadLetter(error: "SMTP server refused RCPT TO: 550 no such user")

            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            #expect(try await coordinator.get("/admin/outbox").status == .forbidden)
            #expect(try await coordinator.post("/admin/outbox/\(dead.id)/retry", []).status == .forbidden)

            let admin = PageBrowser(client)
            _ = try await admin.login(world.email("admin"))
            let page = try await admin.get("/admin/outbox")
            #expect(page.status == .ok)
            #expect(page.html.contains(#"<a href="/admin/outbox" aria-current="page">Outbox</a>"#))
            #expect(page.html.contains("550 no such user"))
            #expect(page.html.contains(#"<a href="/referrals/\#(referral.id)">\#(referral.id)</a>"#))
            #expect(page.html.contains("Try again"))
            #expect(try await admin.post("/admin/outbox/\(dead.id)/retry", [], csrf: .none).status == .forbidden)
            let retried = try await admin.post("/admin/outbox/\(dead.id)/retry", [])
            #expect(retried.status == .seeOther && retried.location == "/admin/outbox?notice=retried")
            #expect(try await outbox.messages(referralID: referral.id).map(\.status) == [.pending])
            let after = try await admin.get("/admin/outbox?notice=retried")
            #expect(after.html.contains("Queued again") && !after.html.contains("Try again"))
            #expect(try await admin.post("/admin/outbox/\(dead.id)/retry", []).status == .notFound)
        }
    }

    /// Times on the page are in the district's zone with its name ("2026-11-23 04:00 CST"), not GMT.
    @Test(arguments: TestBackend.available)
    func timesReadInTheDistrictsZone(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            try await world.referrals.setDisplaySetting(.timeZone, to: "America/Chicago")
            let referral = try await world.sent()
            let waiting = try #require(try await OutboxStore(database: world.store.database).messages(referralID: referral.id).first { $0.status == .pending })
            let chicago = DistrictDisplay(timeZone: TimeZone(identifier: "America/Chicago")!).dateTime(waiting.nextAttemptAt)
            #expect(chicago.hasSuffix(" CST") || chicago.hasSuffix(" CDT"), "\(chicago)")

            let admin = PageBrowser(client)
            _ = try await admin.login(world.email("admin"))
            let page = try await admin.get("/admin/outbox", headers: [.acceptLanguage: "en"])
            #expect(page.status == .ok)
            #expect(page.html.contains("<td>\(chicago)</td>"), "\(page.html)")
            #expect(!page.html.contains(" GMT<") && !page.html.contains(" UTC<"))
            let spanish = try await admin.get("/admin/outbox", headers: [.acceptLanguage: "es"])
            #expect(spanish.html.contains("<td>\(chicago)</td>"))
        }
    }
}
