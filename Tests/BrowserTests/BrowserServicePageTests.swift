import Directory
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Notifications
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// The service page, the family handout and the pages issue 22 fixed, in headless Chromium at
/// 1280 px and at a 390 px phone: axe-core (the copy the PyPI package `axe-selenium-python` ships)
/// finds no violation, and no page scrolls sideways on the phone. Screenshots of each go to
/// `.build/artifacts/screenshots/` as `axe-<name>-<width>.png`.
@Suite("Browser: service pages and axe at 1280 and 390 px", .serialized)
struct BrowserServicePageTests {
    @Test(.enabled(if: BrowserEnvironment.shouldRun, BrowserEnvironment.skipMessage), .timeLimit(.minutes(10)))
    func servicePagesAndFixedPagesPassAxeAndFitAPhone() async throws {
        guard let (chromedriver, axe) = axeTools() else { return }
        try await withSeededStore(.sqlite) { store async throws in
            let world = try await BrowserWorld.make(store)
            try await withBrowserSession(on: store, chromedriver: chromedriver) { driver, base in
                try await AxeScript(driver: driver, base: base, world: world, axe: axe).run()
            }
        }
    }
}

/// Visits each page at both widths, runs axe and measures the page's width.
struct AxeScript {
    let driver: WebDriver
    let base: String
    let world: BrowserWorld
    let axe: String

    /// `CLOSELOOP_AXE_SCRIPT`, else the copy in `.build/axe-venv` that scripts/test installs.
    static var source: String? {
        let root = BrowserEnvironment.screenshotDirectory.deletingLastPathComponent().deletingLastPathComponent()
        var candidates: [String] = []
        if let explicit = ProcessInfo.processInfo.environment["CLOSELOOP_AXE_SCRIPT"], !explicit.isEmpty { candidates.append(explicit) }
        let venvLib = root.appendingPathComponent("axe-venv/lib")
        if let pythons = try? FileManager.default.contentsOfDirectory(atPath: venvLib.path) {
            candidates += pythons.map {
                venvLib.appendingPathComponent("\($0)/site-packages/axe_selenium_python/node_modules/axe-core/axe.min.js").path
            }
        }
        return candidates.lazy.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.first
    }

    func run() async throws {
        try FileManager.default.createDirectory(at: BrowserEnvironment.screenshotDirectory, withIntermediateDirectories: true)
        let service = "/services/\(world.service.id)"
        // Public pages first, signed out.
        try await check("service-public", service)
        try await check("service-handout", service + "/handout")
        // The seed's longest web address or email with the most opening hours: the words a phone
        // cannot break at a space.
        let widest = try await world.store.services(matching: ServiceQuery(limit: 500)).items.map(\.service).max { a, b in
            Self.unbreakableWidth(a) < Self.unbreakableWidth(b)
        }
        if let widest { try await check("service-widest", "/services/\(widest.id)") }
        // axe-core 3.1.1 (what the PyPI package ships) reads autocomplete="username" on an email
        // input as invalid; the HTML standard allows the username field on type=email, and later
        // axe-core releases accept it. Only that rule is off, only on this page.
        try await check("login", "/login", disabling: ["autocomplete-valid"])

        // A family whose consent shares only a phone, referred a week ago: its check-in is due, so
        // the coordinator's referral page asks the question and the follow-up list names it.
        let phoneFamily = try await referralWithPhoneFamily()
        let phoneReferral = phoneFamily.id
        // That family's student page: two referrals and two consents, with their dates in the tables.
        let phoneStudent = "/coordinator/students/\(phoneFamily.studentID)"

        try await signIn("coordinator")
        try await check("service-coordinator", service)
        try await check("coordinator-referral-phone-check-in", "/referrals/\(phoneReferral)")
        #expect(try await driver.pageSource().contains("phone-checkin-heading"), "the referral page shows no phone check-in")
        try await check("coordinator-home", "/coordinator")
        try await check("find-services-near-school", "/coordinator/services?near_school=\(world.schoolID)&radius_km=25")
        try await check("match-results", "/coordinator/match?run=1&barrier=anxiety&barrier=transportation&tier=2&near_school=\(world.schoolID)&transportation=none#results")
        try await check("match-no-barrier", "/coordinator/match?run=1&tier=2")
        try await check("follow-ups", "/coordinator/followups")
        #expect(try await driver.pageSource().contains("/referrals/\(phoneReferral)#phone-check-in"), "the follow-up list names no phone check-in")
        try await check("coordinator-referrals", "/coordinator/referrals?state=referred&state=connected")
        try await check("coordinator-student", phoneStudent)
        try await check("account-profile", "/account/profile")
        try await check("account-notifications", "/account/notifications")
        try await signOut()

        try await signIn("partner")
        try await check("partner-inbox", "/partner/inbox")
        try await check("partner-inbox-search", "/partner/inbox?show=all&q=anxiety")
        try await check("partner-availability", "/partner/services")
        try await signOut()

        try await signIn("district")
        let today = CalendarDate(Date())
        try await check("district-dashboard", "/district?from=\(today.adding(days: -90))&through=\(today)")
        try await signOut()

        try await signIn("admin")
        try await check("admin-users", "/admin/users")
        try await check("admin-outbox", "/admin/outbox")
        try await signOut()
        try await spanishPass(phoneReferral: phoneReferral, phoneStudent: phoneStudent)
    }

    /// The main pages again in Spanish (issue 22, item 5): public pages by `?lang=es`, signed-in
    /// pages by each person's own setting. Screenshots are `es-<page>-<width>.png`, also copied to
    /// `CLOSELOOP_SHOTS_DIR` when it is set.
    func spanishPass(phoneReferral: String, phoneStudent: String) async throws {
        let accounts = AccountStore(database: world.store.database)
        for user in world.users.values { try await accounts.setLanguage(userID: user.id, to: "es") }
        let service = "/services/\(world.service.id)"
        try await check("es-service-page", service + "?lang=es", expectSpanish: true)
        try await check("es-service-handout", service + "/handout?lang=es", expectSpanish: true)
        try await check("es-login", "/login?lang=es", disabling: ["autocomplete-valid"], expectSpanish: true)

        try await signIn("coordinator")
        try await check("es-coordinator-home", "/coordinator", expectSpanish: true)
        try await check("es-coordinator-match", "/coordinator/match?run=1&barrier=anxiety&barrier=transportation&tier=2&near_school=\(world.schoolID)&transportation=none#results",
                        expectSpanish: true)
        if let referral = world.referralIDs.last {
            try await check("es-coordinator-referral", "/referrals/\(referral)", expectSpanish: true)
        }
        try await check("es-coordinator-referral-phone-check-in", "/referrals/\(phoneReferral)", expectSpanish: true)
        #expect(try await driver.pageSource().contains("phone-checkin-heading"))
        try await check("es-follow-ups", "/coordinator/followups", expectSpanish: true)
        #expect(try await driver.pageSource().contains("/referrals/\(phoneReferral)#phone-check-in"))
        try await check("es-coordinator-students", "/coordinator/students", expectSpanish: true)
        try await check("es-coordinator-student", phoneStudent, expectSpanish: true)
        try await check("es-coordinator-services", "/coordinator/services?near_school=\(world.schoolID)&radius_km=25", expectSpanish: true)
        try await check("es-coordinator-account", "/account", expectSpanish: true)
        try await check("es-coordinator-profile", "/account/profile", expectSpanish: true)
        try await signOut()

        // A family whose consent shares its contact and records Spanish: the partner's referral page
        // shows it with the coordinator's contact, and the family's check-in page is in Spanish.
        let checkIn = try await referralWithSpanishFamily()

        try await signIn("partner")
        try await check("es-partner-referral", "/referrals/\(checkIn.referralID)", expectSpanish: true)
        try await check("es-partner-inbox", "/partner/inbox", expectSpanish: true)
        try await check("es-partner-availability", "/partner/services", expectSpanish: true)
        try await signOut()

        try await signIn("district")
        let today = CalendarDate(Date())
        try await check("es-district-dashboard", "/district?from=\(today.adding(days: -90))&through=\(today)", expectSpanish: true)
        try await signOut()
        try await check("es-check-in", "/check-in/\(checkIn.token)", expectSpanish: true)

        // The administrator's pages, with a dead letter so the outbox shows its table.
        let outbox = OutboxStore(database: world.store.database)
        if let message = try await outbox.claimDue(channels: [.email], now: Date(), lease: 60, limit: 1).first {
            _ = try await outbox.markFailed(message, error: "550 5.1.1 mailbox unavailable", policy: RetryPolicy(maximumAttempts: 1), now: Date())
        }
        try await signIn("admin")
        try await check("es-admin-users", "/admin/users", expectSpanish: true)
        if let coordinator = world.users["coordinator"] {
            try await check("es-admin-user", "/admin/users/\(coordinator.id)", expectSpanish: true)
        }
        try await check("es-admin-outbox", "/admin/outbox", expectSpanish: true)
        try await signOut()
        for user in world.users.values { try await accounts.setLanguage(userID: user.id, to: nil) }
    }

    /// A new referral of the world's first student after a consent that shares the family's email
    /// and records Spanish; its check-in link is read from the outbox.
    func referralWithSpanishFamily() async throws -> (referralID: String, token: String) {
        let now = Date()
        let referral = try await referAgain(
            studentOfReferral: 0, givenBy: "Maria Lopez (madre)", givenOn: CalendarDate(now), sentAt: now,
            sharing: FamilyContact(channel: .email, address: "familia.lopez@home.example", language: LanguageCode(rawValue: "es")!,
                                   bestTime: "después de las 5"))
        let body = try #require(try await OutboxStore(database: world.store.database).messages(referralID: referral.id)
            .first { $0.event == "family.check_in" }).body
        #expect(body.contains("Su escuela remitió a su familia"))
        let token = String(body[try #require(body.range(of: "/check-in/")).upperBound...].prefix { !$0.isWhitespace })
        return (referral.id, token)
    }

    /// A referral sent a week ago for a family whose consent shares only a phone (Spanish): no SMS
    /// gateway sends its check-in text, so the check-in is due by phone now.
    func referralWithPhoneFamily() async throws -> Referral {
        let sentAt = Date().addingTimeInterval(-7 * 86_400)
        let referral = try await referAgain(
            studentOfReferral: 2, givenBy: "Rosa Diaz (abuela)", givenOn: CalendarDate(sentAt).adding(days: -1), sentAt: sentAt,
            sharing: FamilyContact(channel: .phone, address: "(515) 555-0177", language: LanguageCode(rawValue: "es")!,
                                   bestTime: "por la mañana"))
        let due = try await CheckInStore(database: world.store.database).phoneCheckInsDue(referralIDs: [referral.id], now: Date())
        #expect(due.count == 1, "the phone check-in should be due now")
        return referral
    }

    /// A new referral of the student of `world.referralIDs[index]`, sent by the coordinator at `sentAt`
    /// after a written consent for the world's service, given on `givenOn` for a year, that shares the
    /// grade and `contact`.
    func referAgain(
        studentOfReferral index: Int, givenBy: String, givenOn: CalendarDate, sentAt: Date, sharing contact: FamilyContact
    ) async throws -> Referral {
        let referrals = ReferralStore(database: world.store.database)
        let coordinator = try #require(world.users["coordinator"])
        let earlier = try #require(try await referrals.referral(id: world.referralIDs[index], visibleTo: coordinator))
        _ = try await referrals.addConsent(
            Consent(organizationIDs: [world.service.organizationID], givenBy: givenBy, method: .written,
                    sharedFields: [.grade, .familyContact], givenOn: givenOn, expiresOn: givenOn.adding(days: 365), familyContact: contact),
            studentID: earlier.studentID, by: coordinator, now: sentAt)
        return try await referrals.sendReferral(
            NewReferral(studentID: earlier.studentID, serviceID: world.service.id, barrier: "anxiety", tier: 2,
                        duplicateReason: ReferralFixture.repeatReason),
            by: coordinator, draftedAt: sentAt, sentAt: sentAt)
    }

    static func unbreakableWidth(_ service: Service) -> Int {
        max(service.url?.count ?? 0, service.email?.count ?? 0) * 100 + service.hours.count
    }

    /// At 1280 and 390 px: no axe violation, and at 390 px nothing wider than the screen.
    func check(_ name: String, _ path: String, disabling rules: [String] = [], expectSpanish: Bool = false) async throws {
        let options = rules.map { "'\($0)': { enabled: false }" }.joined(separator: ", ")
        for width in [1280, 390] {
            try await driver.emulateViewport(width: width == 390 ? 390 : nil)
            try await driver.navigate(to: base + path)
            if expectSpanish {
                let lang = try await driver.execute("return document.documentElement.lang;") as? String
                #expect(lang == "es", "\(name) is not in Spanish: <html lang=\(lang ?? "nil")>")
            }
            _ = try await driver.execute(axe + "\nreturn true;")
            let violations = try await driver.executeAsync("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'], rules: { \(options) } })
                  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """) as? [String] ?? ["axe returned nothing"]
            #expect(violations.isEmpty, "\(name) at \(width) px: \(violations)")
            let splitDates = try await driver.execute(Self.datesSplitInTableCells) as? [String] ?? ["the check returned nothing"]
            #expect(splitDates.isEmpty, "\(name) splits dates over two lines in table cells at \(width) px: \(splitDates)")
            if width == 390 {
                let widths = try await driver.execute(
                    "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];") as? [Int] ?? []
                #expect(widths.count == 2 && widths[0] <= widths[1], "\(name) scrolls sideways at 390 px: \(widths)")
                let broken = try await driver.execute(Self.wordsBrokenInTableCells) as? [String] ?? ["the check returned nothing"]
                #expect(broken.isEmpty, "\(name) breaks words across lines in table cells at 390 px: \(broken)")
                AxeResults.record(page: name, width: width, path: path, violations: violations, widths: widths, disabled: rules)
                let png = try await driver.screenshot()
                try save(png, name: name, width: width)
            } else {
                AxeResults.record(page: name, width: width, path: path, violations: violations, widths: [], disabled: rules)
                try await driver.fitWindowToPage()
                let png = try await driver.screenshot()
                try save(png, name: name, width: width)
            }
        }
        try await driver.emulateViewport(width: nil)
    }

    /// The words of table cells that the browser laid out over more than one line ("B-1 0 1 9",
    /// "Allianc e"): columns a few letters wide on a phone. A word is a run of four or more characters
    /// between spaces, hyphens, dashes, slashes, dots and @, where a line may break anyway.
    static let wordsBrokenInTableCells = textsOverTwoLinesInTableCells(matching: #"[^\s\-\u2013\u2014\/.@]{4,}"#)

    /// The dates (2026-11-16) of table cells laid out over more than one line: broken at a hyphen
    /// ("2026-11-" / "16") a date reads as two values.
    static let datesSplitInTableCells = textsOverTwoLinesInTableCells(matching: #"\d{4}-\d{2}-\d{2}"#)

    /// A script returning the first five texts of table cells that match `pattern` (a JavaScript
    /// regular expression's source) and that the browser laid out over more than one line.
    static func textsOverTwoLinesInTableCells(matching pattern: String) -> String {
        """
        const found = [];
        for (const cell of document.querySelectorAll('td')) {
          const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const text of node.data.matchAll(new RegExp(\(String(reflecting: pattern)), 'g'))) {
              const range = document.createRange();
              range.setStart(node, text.index);
              range.setEnd(node, text.index + text[0].length);
              const lines = new Set(Array.from(range.getClientRects(), rect => Math.round(rect.bottom)));
              if (lines.size > 1) found.push(text[0]);
            }
          }
        }
        return found.slice(0, 5);
        """
    }

    /// `axe-<name>-<width>.png` under .build/artifacts/screenshots; Spanish pages (`es-…`) also as
    /// `<name>-<width>.png` in `CLOSELOOP_SHOTS_DIR` when set.
    func save(_ png: Data, name: String, width: Int) throws {
        try png.write(to: BrowserEnvironment.screenshotDirectory.appendingPathComponent("axe-\(name)-\(width).png"))
        if name.hasPrefix("es-"), let shots = ProcessInfo.processInfo.environment["CLOSELOOP_SHOTS_DIR"], !shots.isEmpty {
            try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
            try png.write(to: URL(fileURLWithPath: shots).appendingPathComponent("\(name)-\(width).png"))
        }
    }

    func signIn(_ role: String) async throws {
        try await driver.emulateViewport(width: nil)
        try await driver.navigate(to: base + "/login")
        try await driver.type(world.email(role), into: "#email")
        try await driver.type(BrowserWorld.password, into: "#password")
        try await driver.clickAndWaitForPage("form[action='/login'] button[type=submit]")
        #expect(try await driver.text(".account span").hasPrefix(world.email(role)))
    }

    func signOut() async throws {
        try await driver.emulateViewport(width: nil)
        try await driver.navigate(to: base + "/coordinator")
        if (try? await driver.elements("form[action='/logout'] button"))?.isEmpty == false {
            try await driver.clickAndWaitForPage("form[action='/logout'] button")
        }
    }
}
