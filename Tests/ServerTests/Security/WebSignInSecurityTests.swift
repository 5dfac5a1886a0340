import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Referrals
@testable import Storage
import Synchronization
import Testing
import TestSupport

@testable import Server

/// Issue 21 item 3 (sign-in) and item 2 (idle sessions): where a sign-in may send the browser, the
/// login form's token, the throttle on failed sign-ins, Secure cookies off loopback, and sessions
/// that end when left unused.
@Suite("Security: web sign-in and sessions")
struct WebSignInSecurityTests {
    // MARK: next

    @Test
    func onlyOneLeadingSlashPathsAreLocalEvenAfterPercentDecoding() {
        for path in ["/coordinator", "/coordinator/students?q=S-1", "/referrals/ref_1?tab=events#notes", "/a%20b"] {
            #expect(WebPaths.isLocal(path), "\(path)")
        }
        for path in [
            "/\t/evil.example", "/%09/evil.example", "/\n/evil.example", "/%2F/evil.example", "/%2f%2fevil.example",
            "/%5Cevil.example", "/\\evil.example", "//evil.example", "https://evil.example", "javascript:alert(1)",
            "evil.example", "", "/x\u{0}y", "/x%00y", "/x\u{7f}", "/%E0%A4%A", "/\u{2028}/evil.example",
        ] {
            #expect(!WebPaths.isLocal(path), "\(path.debugDescription)")
        }
    }

    @Test
    func aSignInNeverLeavesTheSiteWhateverNextSays() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            for next in ["/\t/evil.example", "/%09/evil.example", "/%2F%2Fevil.example", "/\\/evil.example", "https://evil.example"] {
                let browser = PageBrowser(client)
                // The query form too: the hidden field keeps nothing that is not local.
                let form = try await browser.get("/login?next=" + PageBrowser.encode([("", next)]).dropFirst())
                #expect(!form.html.contains("evil.example"), "\(next.debugDescription)")
                let response = try await browser.post("/login", [("email", world.email("coordinator")), ("password", WebWorld.password),
                                                                 ("next", next)])
                #expect(response.status == .seeOther)
                #expect(response.location == "/coordinator", "\(next.debugDescription) → \(response.location ?? "nil")")
            }
        }
    }

    // MARK: the login form's token

    @Test
    func aLoginTokenTheClientMadeUpIsRefused() async throws {
        try await withWebWorld(.sqlite) { world, client async throws in
            let chosen = String(repeating: "ab", count: 56)
            let browser = PageBrowser(client)
            let forged = try await browser.post(
                "/login", [("email", world.email("admin")), ("password", WebWorld.password)], csrf: .value(chosen),
                headers: [.cookie: "\(SessionCookies.loginCSRFName)=\(chosen)"])
            #expect(forged.status == .forbidden)
            #expect(forged.html.contains("Form not accepted"))
            #expect(!browser.lastSetCookies.contains { $0.hasPrefix("closeloop_session=") })
            #expect(try await SessionStore(database: world.store.database).count() == 0)

            // The token this server put in the form and the cookie is accepted.
            let honest = PageBrowser(client)
            #expect(try await honest.login(world.email("admin")).status == .seeOther)
        }
    }

    @Test
    func loginTokensAreSignedByThisServerAndExpire() {
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let tokens = LoginFormTokens(secret: Data(String(repeating: "k", count: 32).utf8))
        let token = tokens.issue(now: now)
        #expect(token.count == 112 && token.allSatisfy(\.isHexDigit))
        #expect(tokens.isValid(token, now: now))
        #expect(tokens.isValid(token, now: now.addingTimeInterval(LoginFormTokens.lifetime - 1)))
        #expect(!tokens.isValid(token, now: now.addingTimeInterval(LoginFormTokens.lifetime)))
        // Another key (another server, or this one after a restart without a configured secret).
        #expect(!LoginFormTokens(secret: Data(String(repeating: "x", count: 32).utf8)).isValid(token, now: now))
        #expect(!LoginFormTokens(secret: nil).isValid(token, now: now))
        // A longer expiry written into a token breaks its signature.
        var later = Array(token)
        later[32 + 8] = later[32 + 8] == "f" ? "e" : "f"
        #expect(!tokens.isValid(String(later), now: now))
        #expect(!tokens.isValid(String(token.dropLast()), now: now))
        #expect(!tokens.isValid(token.uppercased(), now: now))
    }

    // MARK: throttling

    @Test
    func failedSignInsPerAccountAreThrottledWithGrowingDelays() async throws {
        let clock = TestClock(WebWorld.now)
        try await withSecurityWorld(.sqlite, clients: ClientLimits(clock: clock.read)) { world, client async throws in
            let browser = PageBrowser(client)
            for _ in 1...5 {
                #expect(try await browser.login(world.email("coordinator"), password: "wrong-password").status == .unauthorized)
            }
            // The sixth attempt, even with the right password, waits: 2 s, said on a page and in Retry-After.
            let throttled = try await browser.login(world.email("coordinator"))
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] == "2")
            #expect(throttled.headers[.contentType] == "text/html; charset=utf-8")
            #expect(throttled.html.contains("Too many failed sign-ins. Wait 2 seconds and try again."))
            #expect(!browser.lastSetCookies.contains { $0.hasPrefix("closeloop_session=") })
            // Another account from the same (unknown) address is not held back by this one.
            #expect(try await PageBrowser(client).login(world.email("partner")).status == .seeOther)

            clock.advance(2)
            #expect(try await browser.login(world.email("coordinator"), password: "wrong-again").status == .unauthorized)
            #expect(try await browser.login(world.email("coordinator")).headers[.retryAfter] == "4")
            clock.advance(4)
            #expect(try await browser.login(world.email("coordinator").uppercased(), password: "and-again").status == .unauthorized)
            #expect(try await browser.login(world.email("coordinator")).headers[.retryAfter] == "8")
            clock.advance(8)
            #expect(try await browser.login(world.email("coordinator")).status == .seeOther)
            // A success clears the account's count.
            let fresh = PageBrowser(client)
            #expect(try await fresh.login(world.email("coordinator"), password: "wrong-password").status == .unauthorized)
            #expect(try await fresh.login(world.email("coordinator")).status == .seeOther)
        }
    }

    @Test
    func failedSignInsPerClientAddressAreThrottled() async throws {
        let clock = TestClock(WebWorld.now)
        let limits = ClientLimits(trustForwardedFor: true, clock: clock.read)
        try await withSecurityWorld(.sqlite, clients: limits) { world, client async throws in
            let guesser: HTTPFields = [ClientLimits.forwardedFor: "10.0.0.1, 203.0.113.7"]
            // 20 different accounts from one address: each under its own limit, the address at its own.
            for index in 1...20 {
                let browser = PageBrowser(client)
                _ = try await browser.get("/login", headers: guesser)
                let response = try await browser.post("/login", [("email", "guess\(index)@pages.example.org"), ("password", "x")], headers: guesser)
                #expect(response.status == .unauthorized)
            }
            let browser = PageBrowser(client)
            _ = try await browser.get("/login", headers: guesser)
            let blocked = try await browser.post("/login", [("email", world.email("district")), ("password", WebWorld.password)], headers: guesser)
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.headers[.retryAfter] == "2")
            // The same account from another address signs in.
            let other = PageBrowser(client)
            let elsewhere: HTTPFields = [ClientLimits.forwardedFor: "198.51.100.4"]
            _ = try await other.get("/login", headers: elsewhere)
            #expect(try await other.post("/login", [("email", world.email("district")), ("password", WebWorld.password)],
                                         headers: elsewhere).status == .seeOther)
        }
    }

    @Test(arguments: TestBackend.available)
    func theThrottleForgetsAndSweepsAndCountsEmailsWithoutCase(backend: TestBackend) async throws {
        try await withFreshStore(backend) { store async throws in
            let clock = TestClock(Date(timeIntervalSince1970: 0))
            let throttle = LoginThrottle(database: store.database, policy: .init(freeFailuresPerAccount: 2, freeFailuresPerAddress: 100, firstDelay: 10,
                                                                                 maxDelay: 30, forgetAfter: 100), clock: clock.read)
            try await throttle.recordFailure(account: "A@x.org", address: "1")
            #expect(try await throttle.wait(account: "a@x.org ", address: "2") == nil)
            try await throttle.recordFailure(account: "a@X.org", address: "1")
            #expect(try await throttle.wait(account: "a@x.org", address: "2") == 10)
            clock.advance(10)
            try await throttle.recordFailure(account: "a@x.org", address: "1")
            #expect(try await throttle.wait(account: "a@x.org", address: "2") == 20)
            clock.advance(20)
            try await throttle.recordFailure(account: "a@x.org", address: "1")
            #expect(try await throttle.wait(account: "a@x.org", address: "2") == 30)   // capped
            clock.advance(130)
            try await throttle.recordFailure(account: "a@x.org", address: "1")   // forgotten: the first again
            #expect(try await throttle.wait(account: "a@x.org", address: "2") == nil)
        }
    }

    // MARK: Secure cookies

    @Test
    func cookiesAreSecureWheneverTheServerListensBeyondLoopback() async throws {
        for (host, secure, expected) in [
            ("0.0.0.0", WebConfiguration.SecureCookies.auto, true), ("192.0.2.10", .auto, true), ("::", .auto, true),
            ("127.0.0.1", .auto, false), ("localhost", .auto, false), ("::1", .auto, false), ("0.0.0.0", .never, false),
        ] {
            try await withSeededStore(.sqlite) { store async throws in
                let world = try await WebWorld.make(store, password: WebWorld.password)
                var configuration = securityConfiguration(store, clients: ClientLimits())
                configuration.host = host
                configuration.web = WebConfiguration(secureCookies: secure)
                try await buildApplication(configuration).trackedTest(.router) { client async throws in
                    let browser = PageBrowser(client)
                    _ = try await browser.get("/login")
                    #expect(browser.lastSetCookies.allSatisfy { $0.contains("; Secure") == expected }, "\(host) \(secure)")
                    _ = try await browser.login(world.email("coordinator"))
                    let cookie = try #require(browser.lastSetCookies.first { $0.hasPrefix("closeloop_session=") })
                    #expect(cookie.contains("; Secure") == expected, "\(host) \(secure): \(cookie)")
                }
            }
        }
        #expect(WebConfiguration.fromEnvironment(["CLOSELOOP_SESSION_IDLE_MINUTES": "5"]).sessionIdleTimeout == 300)
        #expect(WebConfiguration.fromEnvironment([:]).sessionIdleTimeout == 1800)
    }

    // MARK: idle sessions

    @Test(arguments: TestBackend.available)
    func aSessionLeftUnusedForItsIdleTimeoutEnds(backend: TestBackend) async throws {
        let clock = TestClock(WebWorld.now)
        try await withSecurityWorld(backend, clock: clock, web: WebConfiguration(sessionIdleTimeout: 30 * 60)) { world, client async throws in
            let browser = PageBrowser(client)
            #expect(try await browser.login(world.email("coordinator")).status == .seeOther)
            // Used every 29 minutes, it lives on past the first half hour.
            for _ in 1...3 {
                clock.advance(29 * 60)
                #expect(try await browser.get("/coordinator").status == .ok)
            }
            // Left for 30 minutes, it is over.
            clock.advance(30 * 60)
            let after = try await browser.get("/coordinator")
            #expect(after.status == .seeOther)
            #expect(after.location == "/login?next=%2Fcoordinator")
        }
    }

    @Test(arguments: TestBackend.available)
    func theIdleEndIsWrittenAtMostOnceAMinuteAndNeverPastTheLifetime(backend: TestBackend) async throws {
        try await withSeededStore(backend) { store async throws in
            let world = try await WebWorld.make(store, password: WebWorld.password)
            let sessions = SessionStore(database: store.database)
            let timeouts = SessionTimeouts(lifetime: 3600, idle: 600)
            let start = WebWorld.now
            let (token, first) = try await sessions.start(userID: world.users["partner"]!.id, lifetime: 3600, idleTimeout: 600, now: start)
            #expect(first.expiresAt == start.addingTimeInterval(600))
            func storedEnd() async throws -> Int {
                try await store.database.sql.select().column("expires_at").from("web_sessions").first()!.decode(column: "expires_at", as: Int.self)
            }
            let initial = try await storedEnd()
            // 59 s later: no write.
            #expect(try await sessions.session(token: token, now: start.addingTimeInterval(59), timeouts: timeouts) != nil)
            #expect(try await storedEnd() == initial)
            // 60 s later: moved on by a minute.
            #expect(try await sessions.session(token: token, now: start.addingTimeInterval(60), timeouts: timeouts)?.expiresAt
                    == start.addingTimeInterval(660))
            #expect(try await storedEnd() == initial + 60)
            // Kept busy, it still ends an hour after it started.
            var now = start
            while now < start.addingTimeInterval(3500) {
                now = now.addingTimeInterval(500)
                #expect(try await sessions.session(token: token, now: now, timeouts: timeouts) != nil)
            }
            #expect(try await storedEnd() == initial - 600 + 3600)
            #expect(try await sessions.session(token: token, now: start.addingTimeInterval(3600), timeouts: timeouts) == nil)
            // Without timeouts the store behaves as before: the stored end, not moved.
            let (other, _) = try await sessions.start(userID: world.users["district"]!.id, lifetime: 3600, now: start)
            #expect(try await sessions.session(token: other, now: start.addingTimeInterval(3599)) != nil)
            #expect(try await sessions.session(token: other, now: start.addingTimeInterval(3600)) == nil)
        }
    }
}

// MARK: - Support shared by the security suites

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let now: Mutex<Date>

    init(_ start: Date) {
        now = Mutex(start)
    }

    func current() -> Date {
        now.withLock { value -> Date in value }
    }

    var read: @Sendable () -> Date {
        { [self] in current() }
    }

    func advance(_ seconds: TimeInterval) {
        now.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// The server configuration the security tests start from: the test store, no idle timeout
/// unless asked, and the clients' limits given.
func securityConfiguration(
    _ store: DirectoryStore, clients: ClientLimits, clock: TestClock? = nil, web: WebConfiguration = WebConfiguration()
) -> ServerConfiguration {
    var configuration = ServerConfiguration(port: 0, database: store.database.location, web: web, clients: clients, logger: TestBackend.logger)
    if let clock {
        configuration.clock = clock.read
    } else {
        configuration.clock = { WebWorld.now }
    }
    return configuration
}

/// `withWebWorld` with the clients' limits, the application's clock and the web settings chosen.
func withSecurityWorld(
    _ backend: TestBackend, clients: ClientLimits = ClientLimits(), clock: TestClock? = nil, web: WebConfiguration = WebConfiguration(),
    _ body: @escaping @Sendable (WebWorld, any TestClientProtocol) async throws -> Void
) async throws {
    try await withSeededStore(backend) { store async throws in
        let world = try await WebWorld.make(store, password: WebWorld.password)
        try await buildApplication(securityConfiguration(store, clients: clients, clock: clock, web: web)).trackedTest(.router) { client async throws in
            try await body(world, client)
        }
    }
}
