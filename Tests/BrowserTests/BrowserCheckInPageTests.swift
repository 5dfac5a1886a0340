import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// The family check-in page (issue 22 item 4) in headless Chromium, as a family opens it from its
/// email: axe-core finds no violation at 1280 and 390 px and nothing scrolls sideways, the "Yes,
/// we started" button records the answer, and the used and mangled links' pages pass axe too.
/// Screenshots: `.build/artifacts/screenshots/axe-check-in*-{1280,390}.png`.
@Suite("Browser: family check-in page", .serialized)
struct BrowserCheckInPageTests {
    @Test(.enabled(if: BrowserEnvironment.shouldRun, BrowserEnvironment.skipMessage), .timeLimit(.minutes(10)))
    func theCheckInPagePassesAxeFitsAPhoneAndTakesAnAnswer() async throws {
        guard let (chromedriver, axe) = axeTools() else { return }
        try await withSeededStore(.sqlite) { store async throws in
            let world = try await BrowserWorld.make(store)
            let fixture = try await ReferralFixture.make(store)
            let now = Date()
            let today = CalendarDate(now)
            _ = try await fixture.referrals.addConsent(
                Consent(organizationIDs: [ReferralFixture.organizationID], givenBy: "Maria Lopez (mother)", method: .written,
                        sharedFields: [.grade, .familyContact], givenOn: today, expiresOn: today.adding(days: 365),
                        familyContact: FamilyContact(channel: .email, address: "family.lopez@home.example", language: LanguageCode(rawValue: "en")!)),
                studentID: fixture.studentID, by: fixture.user(.coordinator), now: now)
            let referral = try await fixture.sent(at: now)
            let body = try #require(try await OutboxStore(database: store.database).messages(referralID: referral.id)
                .first { $0.event == "family.check_in" }).body
            let token = String(body[try #require(body.range(of: "/check-in/")).upperBound...].prefix { !$0.isWhitespace })

            try await withBrowserSession(on: store, chromedriver: chromedriver) { driver, base in
                let script = AxeScript(driver: driver, base: base, world: world, axe: axe)
                try FileManager.default.createDirectory(at: BrowserEnvironment.screenshotDirectory, withIntermediateDirectories: true)
                try await script.check("check-in", "/check-in/\(token)")
                try await driver.navigate(to: base + "/check-in/\(token)")
                try await driver.clickAndWaitForPage("button[value='started']")
                #expect(try await driver.text("main p").contains("Thank you"))
                try await script.check("check-in-used", "/check-in/\(token)")
                #expect(try await driver.text("main p").contains("already used"))
                try await script.check("check-in-invalid", "/check-in/v1.abc")
            }
            let after = try #require(try await fixture.referrals.referral(id: referral.id, visibleTo: fixture.user(.admin)))
            #expect(after.state == .connected)
            #expect(after.history.confirmedBy == .family)
        }
    }
}
