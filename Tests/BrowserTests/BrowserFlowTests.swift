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

/// The pages in a real browser: headless Chromium (Debian's `chromium` + `chromium-driver`) driven
/// over WebDriver against the real server on a free port, over a seeded SQLite store. Each page
/// visited is saved as a PNG under `.build/artifacts/screenshots/`.
@Suite("Browser: the closed loop in headless Chromium", .serialized)
struct BrowserFlowTests {
    @Test(.enabled(if: BrowserEnvironment.shouldRun, BrowserEnvironment.skipMessage), .timeLimit(.minutes(10)))
    func everyRoleSignsInAndOneReferralGoesFromFindToConnected() async throws {
        guard let chromedriver = BrowserEnvironment.chromedriver else {
            Issue.record("CLOSELOOP_REQUIRE_BROWSER=1 but chromedriver was not found; install chromium and chromium-driver")
            return
        }
        try await withSeededStore(.sqlite) { store async throws in
            trace("seeding the browser world")
            let world = try await BrowserWorld.make(store)
            try await withBrowserSession(on: store, chromedriver: chromedriver) { driver, base in
                try await BrowserScript(driver: driver, base: base, world: world).run()
            }
        }
    }
}

/// The steps, one method per person's part, each saving a screenshot of every page it sees.
struct BrowserScript {
    let driver: WebDriver
    let base: String
    let world: BrowserWorld

    var today: CalendarDate { CalendarDate(Date()) }
    var dashboardPath: String { "/district?from=\(today.adding(days: -90))&through=\(today)" }

    func run() async throws {
        try FileManager.default.createDirectory(at: BrowserEnvironment.screenshotDirectory, withIntermediateDirectories: true)

        try await open("/login")
        #expect(try await driver.title() == "Sign in · Closeloop")
        // Keyboard first: the first Tab lands on the skip link.
        try await driver.pressTab()
        #expect(try await driver.activeElementHTML().contains("skip-link"))
        try await snap("01-login")

        let before = try await dashboardFigures(snapshot: "02-district-dashboard-before")

        let referralID = try await coordinatorMakesAndSendsAReferral()
        try await partnerAcceptsSchedulesAndConfirms(referralID)

        let after = try await dashboardFigures(snapshot: "14-district-dashboard-after")
        // The month in progress is never counted (suppression that two reports cannot difference,
        // issue 21): a referral sent and connected today leaves the district's figures as they were.
        #expect(after.sent == before.sent && after.connected == before.connected, "before \(before), after \(after)")

        try await signIn("admin")
        #expect(try await driver.currentURL().hasSuffix("/district"))
        try await open("/coordinator/followups")
        try await snap("15-admin-follow-ups")
        try await signOut()
    }

    // MARK: district

    /// Signs in as district staff, reads the headline figures, signs out.
    func dashboardFigures(snapshot: String) async throws -> (sent: Int?, connected: Int?) {
        try await signIn("district")
        #expect(try await driver.currentURL().hasSuffix("/district"))
        try await open(dashboardPath)
        let sent = Int(try await driver.text("#figure-sent .value"))
        let connected = Int(try await driver.text("#figure-connected .value"))
        #expect(try await driver.elements("svg.chart").count == 5)
        try await snap(snapshot)
        // District staff read aggregates only: the coordinator's pages are refused.
        try await open("/coordinator")
        #expect(try await driver.text("h1") == "Not allowed")
        try await signOut()
        return (sent, connected)
    }

    // MARK: coordinator

    /// Find → refer → register the student → consent → send; returns the referral's id.
    func coordinatorMakesAndSendsAReferral() async throws -> String {
        try await signIn("coordinator")
        #expect(try await driver.currentURL().hasSuffix("/coordinator"))
        try await snap("03-coordinator-home")

        try await open("/coordinator/match")
        try await driver.click("input[name=barrier][value=anxiety]")
        try await driver.clickAndWaitForPage("form[aria-label='Needs profile'] button[type=submit]")
        _ = try await driver.element("h2 + h3, .cards")
        try await snap("04-coordinator-match")

        try await open("/coordinator/services")
        try await driver.type(world.service.name, into: "#q")
        try await driver.clickAndWaitForPage("form[aria-label='Service filters'] button[type=submit]")
        try await snap("05-coordinator-find-services")
        try await driver.clickAndWaitForPage("a[href='/coordinator/referrals/new?service=\(world.service.id)']")
        #expect(try await driver.text("h1") == "New referral")
        try await driver.clickAndWaitForPage("a[href^='/coordinator/students/new']")

        try await driver.type("S-BROWSER-1", into: "#district_student_id")
        try await driver.click("#school_id option[value='\(world.schoolID)']")
        try await driver.click("#grade option[value='8']")
        try await driver.type("13", into: "#age")
        try await driver.click("input[name=language][value=es]")
        try await snap("06-coordinator-register-student")
        try await driver.clickAndWaitForPage("form[action='/coordinator/students'] button[type=submit]")

        #expect(try await driver.text("h1") == "New referral")
        #expect(try await driver.text(".notice").hasPrefix("Student registered."))
        try await driver.click("#barrier option[value=anxiety]")
        try await driver.type("mother", into: "#consent_given_by")
        try await snap("07-coordinator-new-referral")
        try await driver.clickAndWaitForPage("button[name=then][value=send]")

        let url = try await driver.currentURL()
        let referralID = try #require(url.split(separator: "/").last?.split(separator: "?").first.map(String.init))
        #expect(url.hasSuffix("?notice=send"))
        #expect(try await driver.text(".state") == "Referred")
        try await snap("08-coordinator-referral-sent")

        try await driver.clickAndWaitForPage("a[href^='/coordinator/students/stu_']")
        #expect(try await driver.text("h1") == "Student S-BROWSER-1")
        try await snap("09-coordinator-student")
        try await signOut()
        return referralID
    }

    // MARK: partner

    func partnerAcceptsSchedulesAndConfirms(_ id: String) async throws {
        try await signIn("partner")
        #expect(try await driver.currentURL().hasSuffix("/partner/inbox"))
        try await snap("10-partner-inbox")
        // Every card says who sent it and how to reach them; the first card is a referral of the same coordinator.
        let contact = try await driver.text(".card .contact")
        #expect(contact.contains(BrowserWorld.coordinatorName) && contact.contains(world.email("coordinator"))
                && contact.contains(BrowserWorld.coordinatorPhone), "\(contact)")
        try await driver.clickAndWaitForPage("[id='\(id)-accept-submit']")
        #expect(try await driver.text(".notice") == "Done: accept.")

        try await driver.setValue(today.adding(days: -1).description, of: "[id='\(id)-schedule-intake']")
        try await driver.clickAndWaitForPage("[id='\(id)-schedule-submit']")
        #expect(try await driver.text(".notice") == "Done: schedule intake.")
        try await snap("11-partner-inbox-scheduled")

        try await driver.clickAndWaitForPage("[id='\(id)-confirm_connection-submit']")
        #expect(try await driver.text(".notice") == "Done: confirm connection.")
        try await open("/referrals/\(id)")
        #expect(try await driver.text(".state") == "Connected")
        try await snap("12-partner-referral-connected")

        try await open("/partner/services")
        try await driver.click("[id='\(world.service.id)-enrollment'] option[value=waitlist]")
        try await driver.type("3", into: "[id='\(world.service.id)-weeks']")
        try await driver.clickAndWaitForPage("form[action='/partner/services/\(world.service.id)/availability'] button[type=submit]")
        #expect(try await driver.text(".notice").hasPrefix("Availability saved."))
        try await snap("13-partner-availability")
        let saved = try await world.store.service(id: world.service.id)
        #expect(saved?.enrollment.status == .waitlist && saved?.enrollment.waitlistWeeks == 3)

        // A partner cannot open the district dashboard.
        try await open("/district")
        #expect(try await driver.text("h1") == "Not allowed")
        try await signOut()
    }

    // MARK: steps

    func open(_ path: String) async throws {
        trace("open \(path)")
        try await driver.navigate(to: base + path)
    }

    func signIn(_ role: String) async throws {
        try await open("/login")
        try await driver.type(world.email(role), into: "#email")
        try await driver.type(BrowserWorld.password, into: "#password")
        try await driver.clickAndWaitForPage("form[action='/login'] button[type=submit]")
        #expect(try await driver.text(".account span").hasPrefix(world.email(role)))
    }

    func signOut() async throws {
        try await driver.clickAndWaitForPage("form[action='/logout'] button")
        #expect(try await driver.text(".notice") == "You have signed out.")
    }

    /// The whole page as a PNG under .build/artifacts/screenshots/.
    func snap(_ name: String) async throws {
        trace("screenshot \(name)")
        try await driver.fitWindowToPage()
        let png = try await driver.screenshot()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        try png.write(to: BrowserEnvironment.screenshotDirectory.appendingPathComponent("\(name).png"))
    }
}

/// Progress on standard error with `CLOSELOOP_BROWSER_TRACE=1`, to see where a slow run spends its time.
func trace(_ message: String) {
    guard ProcessInfo.processInfo.environment["CLOSELOOP_BROWSER_TRACE"] == "1" else { return }
    FileHandle.standardError.write(Data("[browser] \(message)\n".utf8))
}
