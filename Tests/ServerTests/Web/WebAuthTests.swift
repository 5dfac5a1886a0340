import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

@Suite("Web pages: sign-in, sessions, CSRF and role access")
struct WebAuthTests {
    @Test(arguments: TestBackend.available)
    func signingInSetsAnHttpOnlySameSiteSessionCookieAndSigningOutEndsIt(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let browser = PageBrowser(client)
            let form = try await browser.get("/login")
            #expect(form.status == .ok)
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(form.headers[.cacheControl] == "no-store")
            let loginCookie = try #require(browser.lastSetCookies.first { $0.hasPrefix("closeloop_login_csrf=") })
            #expect(loginCookie.contains("HttpOnly") && loginCookie.contains("SameSite=Lax") && loginCookie.contains("Path=/login"))

            let response = try await browser.login(world.email("coordinator"))
            #expect(response.status == .seeOther)
            #expect(response.location == "/coordinator")
            let cookie = try #require(browser.lastSetCookies.first { $0.hasPrefix("closeloop_session=cls_") })
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(attributes == ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=28800"])
            let sessions = SessionStore(database: world.store.database)
            #expect(try await sessions.count() == 1)

            let home = try await browser.get("/coordinator")
            #expect(home.status == .ok)
            #expect(home.html.contains(world.email("coordinator")))
            #expect(home.html.contains(#"<a href="/coordinator" aria-current="page">Home</a>"#))

            let out = try await browser.post("/logout", [])
            #expect(out.status == .seeOther)
            #expect(out.location == "/login?notice=signed_out")
            #expect(browser.lastSetCookies.contains { $0.hasPrefix("closeloop_session=;") && $0.contains("Max-Age=0") })
            #expect(try await sessions.count() == 0)
            #expect(try await browser.get("/coordinator").location == "/login?next=%2Fcoordinator")
        }
    }

    @Test
    func theCookieIsSecureBehindHTTPSOrWhenConfigured() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let browser = PageBrowser(client)
            _ = try await browser.get("/login", headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            _ = try await browser.post("/login", [("email", world.email("partner")), ("password", WebWorld.password)],
                                       headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(browser.lastSetCookies.contains { $0.hasPrefix("closeloop_session=") && $0.contains("; Secure") })
        }
        try await withSeededStore(.sqlite) { store async throws in
            let world = try await WebWorld.make(store, password: WebWorld.password)
            let app = try await testApplication(store, clock: WebWorld.now, web: WebConfiguration(secureCookies: .always))
            try await app.trackedTest(.router) { client async throws in
                let browser = PageBrowser(client)
                _ = try await browser.login(world.email("district"))
                #expect(browser.lastSetCookies.contains { $0.hasPrefix("closeloop_session=") && $0.contains("; Secure") })
            }
        }
        #expect(WebConfiguration.fromEnvironment([:]).secureCookies == .auto)
        #expect(WebConfiguration.fromEnvironment(["CLOSELOOP_SECURE_COOKIES": "never"]).secureCookies == .never)
        #expect(WebConfiguration.fromEnvironment(["CLOSELOOP_SECURE_COOKIES": "sometimes"]).secureCookies == .always)
    }

    @Test(arguments: TestBackend.available)
    func aWrongPasswordOrUnknownEmailGetsTheSameAnswerAndNoSession(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let browser = PageBrowser(client)
            let wrong = try await browser.login(world.email("coordinator"), password: "not-the-password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.html.contains("That email and password do not match an account."))
            #expect(!browser.lastSetCookies.contains { $0.hasPrefix("closeloop_session=") })
            let unknown = try await browser.login("nobody@pages.example.org")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.html.contains("That email and password do not match an account."))
            #expect(try await SessionStore(database: world.store.database).count() == 0)
        }
    }

    @Test
    func theLoginFormItselfNeedsItsToken() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let browser = PageBrowser(client)
            _ = try await browser.get("/login")
            let forged = try await browser.post("/login", [("email", world.email("admin")), ("password", WebWorld.password)], csrf: .value("0000"))
            #expect(forged.status == .forbidden)
            #expect(!browser.lastSetCookies.contains { $0.hasPrefix("closeloop_session=") })
        }
    }

    @Test
    func afterSigningInTheUserLandsWhereTheyWereGoingButNeverOffSite() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let browser = PageBrowser(client)
            #expect(try await browser.get("/coordinator/students").location == "/login?next=%2Fcoordinator%2Fstudents")
            _ = try await browser.get("/login?next=%2Fcoordinator%2Fstudents")
            let back = try await browser.post("/login", [("email", world.email("coordinator")), ("password", WebWorld.password),
                                                         ("next", "/coordinator/students")])
            #expect(back.location == "/coordinator/students")
            let other = PageBrowser(client)
            _ = try await other.get("/login")
            let offSite = try await other.post("/login", [("email", world.email("coordinator")), ("password", WebWorld.password),
                                                          ("next", "//evil.example.com/")])
            #expect(offSite.location == "/coordinator")
        }
    }

    /// Each page is for some roles only: others get a 403 page, anonymous visitors the login page.
    @Test(arguments: TestBackend.available)
    func eachRoleOpensItsOwnPagesAndGets403Elsewhere(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let referral = try await world.sent()
            let pages: [(path: String, allowed: Set<String>)] = [
                ("/coordinator", ["coordinator", "admin"]),
                ("/coordinator/services", ["coordinator", "admin"]),
                ("/coordinator/match", ["coordinator", "admin"]),
                ("/coordinator/students", ["coordinator", "admin"]),
                ("/coordinator/students/new", ["coordinator", "admin"]),
                ("/coordinator/students/\(world.studentID)", ["coordinator", "admin"]),
                ("/coordinator/referrals/new?service=\(world.serviceID)", ["coordinator", "admin"]),
                ("/coordinator/followups", ["coordinator", "admin"]),
                ("/referrals/\(referral.id)", ["coordinator", "partner", "admin"]),
                ("/partner/inbox", ["partner", "other_partner", "admin"]),
                ("/partner/services", ["partner", "other_partner", "admin"]),
                ("/district", ["district", "admin"]),
            ]
            for name in ["coordinator", "partner", "other_partner", "district", "admin"] {
                let browser = PageBrowser(client)
                #expect(try await browser.login(world.email(name)).status == .seeOther)
                for page in pages {
                    let response = try await browser.get(page.path)
                    let expected: HTTPResponse.Status = page.allowed.contains(name) ? .ok : .forbidden
                    // The other partner may open the referral page's route but not this referral: 404, not 403.
                    let status = (name == "other_partner" && page.path.hasPrefix("/referrals/")) ? .notFound : expected
                    #expect(response.status == status, "\(name) GET \(page.path): \(response.status)")
                    if status == .forbidden { #expect(response.html.contains("Not allowed")) }
                }
            }
            let anonymous = PageBrowser(client)
            for page in pages {
                let response = try await anonymous.get(page.path)
                #expect(response.status == .seeOther, "anonymous GET \(page.path)")
                #expect(response.location?.hasPrefix("/login?next=") == true)
            }
        }
    }

    /// A POST without the session's token (or with another one) is refused before anything is written.
    @Test(arguments: TestBackend.available)
    func formsWithoutTheSessionsTokenAre403AndWriteNothing(backend: TestBackend) async throws {
        try await withWebWorld(backend) { world, client async throws in
            let coordinator = PageBrowser(client)
            _ = try await coordinator.login(world.email("coordinator"))
            _ = try await coordinator.get("/coordinator/students/new")
            let register = [("district_student_id", "S-3001"), ("school_id", world.schoolID), ("age", "9")]
            let coordinatorUser = world.users["coordinator"]!
            for choice in [PageBrowser.CSRFChoice.none, .value("deadbeef"), .value(String(repeating: "a", count: 64))] {
                let response = try await coordinator.post("/coordinator/students", register, csrf: choice)
                #expect(response.status == .forbidden)
                #expect(response.html.contains("Form not accepted"))
            }
            #expect(try await world.referrals.students(visibleTo: coordinatorUser, districtIDPrefix: "S-3001").isEmpty)

            // Another signed-in user's token is not this session's token either.
            let partner = PageBrowser(client)
            _ = try await partner.login(world.email("partner"))
            _ = try await partner.get("/partner/inbox")
            let stolen = try #require(partner.csrf)
            #expect(try await coordinator.post("/coordinator/students", register, csrf: .value(stolen)).status == .forbidden)
            #expect(try await world.referrals.students(visibleTo: coordinatorUser, districtIDPrefix: "S-3001").isEmpty)

            let referral = try await world.sent()
            let accept = [("action", "accept"), ("version", "1")]
            #expect(try await partner.post("/referrals/\(referral.id)/actions", accept, csrf: .none).status == .forbidden)
            #expect(try await world.referrals.referral(id: referral.id, visibleTo: coordinatorUser)?.state == .referred)
            // A JSON body is not a form: refused too, so no script can post one cross-site.
            let json = try await partner.post("/referrals/\(referral.id)/actions", accept, headers: [.contentType: "application/json"])
            #expect(json.status == .forbidden)

            // With the right token both go through.
            #expect(try await coordinator.post("/coordinator/students", register).status == .seeOther)
            #expect(try await world.referrals.students(visibleTo: coordinatorUser, districtIDPrefix: "S-3001").count == 1)
            #expect(try await partner.post("/referrals/\(referral.id)/actions", accept).status == .seeOther)
            #expect(try await world.referrals.referral(id: referral.id, visibleTo: coordinatorUser)?.state == .accepted)

            // Signed out, the old token is worthless.
            let token = try #require(coordinator.csrf)
            _ = try await coordinator.post("/logout", [])
            #expect(try await coordinator.post("/coordinator/students", [("district_student_id", "S-3002"), ("school_id", world.schoolID)],
                                               csrf: .value(token)).status == .forbidden)
            #expect(try await world.referrals.students(visibleTo: coordinatorUser, districtIDPrefix: "S-3002").isEmpty)
        }
    }

    /// The session cookie signs in pages only; the API still wants a bearer token.
    @Test
    func theAPIIgnoresTheSessionCookieAndKeepsBearerTokens() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let browser = PageBrowser(client)
            _ = try await browser.login(world.email("coordinator"))
            let withCookie = try await browser.get("/api/v1/referrals")
            #expect(withCookie.status == .unauthorized)
            #expect(withCookie.headers[.contentType] == "application/problem+json")
            let token = try await AccountStore(database: world.store.database).issueToken(userID: world.users["coordinator"]!.id)
            let withToken = try await client.execute(uri: "/api/v1/referrals", method: .get, headers: [.authorization: "Bearer \(token)"]) { $0 }
            #expect(withToken.status == .ok)
        }
    }

    @Test
    func theStylesheetIsServedAndPagesCarryTheirSecurityHeaders() async throws {
        try await withWebWorld(.sqlite) { _, client async throws in
            let css = try await client.execute(uri: "/static/closeloop.css", method: .get) { $0 }
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(String(buffer: css.body).contains(":focus-visible"))
            // Every text-like input the pages use is styled alike (the profile's phone field was not).
            for type in ["text", "email", "tel", "password", "number", "date"] {
                #expect(String(buffer: css.body).contains("input[type=\(type)]"), "\(type)")
            }
            let login = try await client.execute(uri: "/login", method: .get) { $0 }
            let policy = try #require(login.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'") && policy.contains("frame-ancestors 'none'") && policy.contains("form-action 'self'"))
            // Landmarks and the skip link on every page.
            let html = String(buffer: login.body)
            for landmark in [##"<a class="skip-link" href="#main">"##, "<header", "<main id=\"main\"", "<footer", #"<label for="email">"#, #"<label for="password">"#] {
                #expect(html.contains(landmark), "\(landmark)")
            }
        }
    }
}
