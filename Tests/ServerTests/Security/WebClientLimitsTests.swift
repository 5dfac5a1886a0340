import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Storage
import Testing
import TestSupport

@testable import Server

import Glibc

/// Issue 21 items 3 (error pages) and 11: browsers get HTML errors, slow and silent clients are
/// disconnected, anonymous catalog reads are rate limited per client, and SQLite commits are synced.
@Suite("Security: web clients, error pages and limits")
struct WebClientLimitsTests {
    // MARK: HTML error pages

    @Test
    func aBrowserGetsHTMLErrorPagesAndAPIClientsGetProblemJSON() async throws {
        try await withSecurityWorld(.sqlite) { _, client async throws in
            let browserAccept: HTTPFields = [.accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"]
            for (uri, headers) in [("/no-such-page", HTTPFields()), ("/coordinator/no-such-page", browserAccept),
                                   ("/api/v1/no-such-route", browserAccept)] {
                let response = try await client.execute(uri: uri, method: .get, headers: headers) { $0 }
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                #expect(response.html.contains("<h1") && response.html.contains("Not found"), "\(uri)")
                #expect(response.html.contains(#"<a href="/">Go to the start page</a>"#))
            }
            // A method the address does not have is a 405 page that says which it has (MethodNotAllowedTests).
            let put = try await client.execute(uri: "/login", method: .put, headers: browserAccept) { $0 }
            #expect(put.status == .methodNotAllowed && put.headers[.contentType] == "text/html; charset=utf-8")
            #expect(put.headers[.allow] == "GET, POST")

            // Too large, from a browser: a page, not JSON.
            let body = ByteBuffer(repeating: UInt8(ascii: " "), count: 3 * 1024 * 1024)
            var postHeaders = browserAccept
            postHeaders[.contentType] = "application/json"
            let large = try await client.execute(uri: "/api/v1/match", method: .post, headers: postHeaders, body: body) { $0 }
            #expect(large.status == .contentTooLarge)
            #expect(large.headers[.contentType] == "text/html; charset=utf-8")
            #expect(large.html.contains("larger than this server accepts"))

            // A form over the pages' 64 KB: 413 as a page too.
            let form = try await PageBrowser(client).post("/login", [("email", String(repeating: "a", count: 70_000))])
            #expect(form.status == .contentTooLarge)
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(form.html.contains("The form is larger than 64 KB"))

            // The API keeps problem JSON for its clients.
            for (uri, accept) in [("/api/v1/no-such-route", "application/json"), ("/api/v1/no-such-route", "*/*"), ("/no-such-page", "application/json")] {
                let response = try await client.execute(uri: uri, method: .get, headers: [.accept: accept]) { $0 }
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json", "\(uri) \(accept)")
            }
            let api = try await client.execute(uri: "/api/v1/match", method: .post,
                                               headers: [.contentType: "application/json"], body: body) { $0 }
            #expect(api.status == .contentTooLarge && api.headers[.contentType] == "application/problem+json")
        }
    }

    @Test
    func anUnexpectedFailureIsAPageThatLeaksNothing() async throws {
        struct Secret: Error { let text = "SELECT password FROM users" }
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: BrowserErrorPages(renderer: PageRenderer()))
        router.add(middleware: ProblemMiddleware())
        router.get("/boom") { _, _ -> String in throw Secret() }
        try await Application(router: router).trackedTest(.router) { client async throws in
            let page = try await client.execute(uri: "/boom", method: .get, headers: [.accept: "text/html"]) { $0 }
            #expect(page.status == .internalServerError)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.html.contains("Something went wrong") && !page.html.contains("SELECT") && !page.html.contains("Secret"))
        }
    }

    // MARK: idle and half-sent requests

    @Test
    func halfSentAndIdleConnectionsAreClosed() async throws {
        try await withSeededStore(.sqlite) { store async throws in
            var configuration = securityConfiguration(store, clients: ClientLimits(idleTimeout: .milliseconds(600)))
            configuration.host = "127.0.0.1"
            try await buildApplication(configuration).trackedTest(.live) { client async throws in
                let port = try #require(client.port)
                // Half a request head, then nothing.
                let head = try RawConnection(port: port)
                try head.send("GET /api/v1/ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                #expect(head.closedWithin(seconds: 5), "a half-sent head stayed open")

                // A head trickled a byte at a time is closed too: bytes alone are no progress.
                let trickle = try RawConnection(port: port)
                let started = Date()
                var closed = false
                for byte in "GET /api/v1/ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".utf8 {
                    if (try? trickle.send(String(decoding: [byte], as: UTF8.self))) == nil || trickle.closedWithin(seconds: 0.1) {
                        closed = true
                        break
                    }
                }
                #expect(closed || trickle.closedWithin(seconds: 5), "a trickled head stayed open")
                #expect(Date().timeIntervalSince(started) < 5)

                // A head whose body stops halfway.
                let body = try RawConnection(port: port)
                try body.send("POST /api/v1/match HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"barriers\": [")
                #expect(body.closedWithin(seconds: 5), "a half-sent body stayed open")

                // A complete request is answered, and the kept-alive connection closed once idle.
                let idle = try RawConnection(port: port)
                try idle.send("GET /api/v1/ping HTTP/1.1\r\nHost: localhost\r\n\r\n")
                // Generous: a connection the server has not yet taken when the test ends is dropped
                // from its accept queue at shutdown, which NIO's debug build traps on ("Deinited
                // NIOAsyncWriter without calling finish()": clean-clone CI, after a 5 s wait under load).
                let answer = try #require(idle.readAvailable(seconds: 30))
                #expect(answer.hasPrefix("HTTP/1.1 200") && answer.contains("pong"))
                #expect(idle.closedWithin(seconds: 5), "an idle kept-alive connection stayed open")
            }
        }
        #expect(ClientLimits.fromEnvironment(["CLOSELOOP_IDLE_TIMEOUT_SECONDS": "0"]).idleTimeout == nil)
        #expect(ClientLimits.fromEnvironment(["CLOSELOOP_IDLE_TIMEOUT_SECONDS": "5"]).idleTimeout == .seconds(5))
        #expect(ClientLimits.fromEnvironment([:]).idleTimeout == .seconds(30))
    }

    // MARK: the anonymous catalog's rate limit

    @Test
    func anonymousCatalogReadsAreRateLimitedPerClient() async throws {
        let clock = TestClock(WebWorld.now)
        let limits = ClientLimits(catalogRate: TokenBucket.Rate(perSecond: 1, burst: 3), trustForwardedFor: true, clock: clock.read)
        try await withSecurityWorld(.sqlite, clients: limits) { world, client async throws in
            let scraper: HTTPFields = [ClientLimits.forwardedFor: "203.0.113.9"]
            let catalog = ["/api/v1/services", "/api/v1/services/\(world.serviceID)", "/api/v1/barriers"]
            for uri in catalog {
                #expect(try await client.execute(uri: uri, method: .get, headers: scraper) { $0 }.status == .ok, "\(uri)")
            }
            let limited = try await client.execute(uri: "/api/v1/schools", method: .get, headers: scraper) { $0 }
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] == "1")
            #expect(limited.headers[.contentType] == "application/problem+json")
            #expect(try json(limited)["code"] as? String == "rate_limited")

            // Other clients, signed-in API clients and the rest of the API are not held back.
            #expect(try await client.execute(uri: "/api/v1/services", method: .get,
                                             headers: [ClientLimits.forwardedFor: "198.51.100.1"]) { $0 }.status == .ok)
            let token = try await AccountStore(database: world.store.database).issueToken(userID: world.users["coordinator"]!.id)
            var signedIn = scraper
            signedIn[.authorization] = "Bearer \(token)"
            #expect(try await client.execute(uri: "/api/v1/services", method: .get, headers: signedIn) { $0 }.status == .ok)
            #expect(try await client.execute(uri: "/api/v1/ping", method: .get, headers: scraper) { $0 }.status == .ok)

            // A second later one more read is allowed, and only one.
            clock.advance(1)
            #expect(try await client.execute(uri: "/api/v1/services", method: .get, headers: scraper) { $0 }.status == .ok)
            #expect(try await client.execute(uri: "/api/v1/services", method: .get, headers: scraper) { $0 }.status == .tooManyRequests)
        }
        #expect(TokenBucket.Rate("20/100") == TokenBucket.Rate(perSecond: 20, burst: 100))
        #expect(TokenBucket.Rate("fast") == nil && TokenBucket.Rate("0/10") == nil)
        #expect(ClientLimits.fromEnvironment(["CLOSELOOP_CATALOG_RATE": "off"]).catalogRate == nil)
        #expect(ClientLimits.fromEnvironment(["CLOSELOOP_CATALOG_RATE": "oops"]).catalogRate == ClientLimits().catalogRate)
    }

    @Test
    func aBucketRefillsAtItsRateUpToItsBurst() {
        let clock = TestClock(Date(timeIntervalSince1970: 0))
        let bucket = TokenBucket(rate: .init(perSecond: 2, burst: 4), clock: clock.read)
        for _ in 1...4 { #expect(bucket.take("a") == nil) }
        #expect(bucket.take("a") == 0.5)
        #expect(bucket.take("b") == nil)
        clock.advance(0.5)
        #expect(bucket.take("a") == nil)
        #expect(bucket.take("a") == 0.5)
        clock.advance(60)
        for _ in 1...4 { #expect(bucket.take("a") == nil) }
        #expect(bucket.take("a") != nil)
    }

    // MARK: durable commits

    @Test
    func sqliteConnectionsSyncEveryCommit() async throws {
        try await withFreshStore(.sqlite) { store async throws in
            for _ in 0..<3 {
                let row = try #require(try await store.database.sql.raw("PRAGMA synchronous").first())
                #expect(try row.decode(column: "synchronous", as: Int.self) == 2, "FULL is 2")
            }
        }
    }
}

/// A blocking TCP client for the timeout tests: what a slow or silent client does, byte by byte.
/// It connects to `localhost` as the live test server binds it (IPv4, else IPv6). Linux only.
final class RawConnection: @unchecked Sendable {
    private let socket: Int32

    init(port: Int) throws {
        if let socket = Self.connect(family: AF_INET, port: port) ?? Self.connect(family: AF_INET6, port: port) {
            self.socket = socket
        } else {
            throw POSIXError(.ECONNREFUSED)
        }
    }

    private static func connect(family: Int32, port: Int) -> Int32? {
        let socket = Glibc.socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        let result: Int32
        if family == AF_INET {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        } else {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            address.sin6_addr = in6addr_loopback
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
        guard result == 0 else {
            close(socket)
            return nil
        }
        return socket
    }

    deinit { close(socket) }

    /// Writes `text`; MSG_NOSIGNAL so a connection the server closed is an error, not SIGPIPE.
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == bytes.count else { throw POSIXError(.EPIPE) }
    }

    /// What arrives within `seconds`, or nil when nothing does.
    func readAvailable(seconds: Double) -> String? {
        guard wait(seconds: seconds) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(socket, &buffer, buffer.count)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }

    /// Whether the server closes the connection (EOF or reset) within `seconds`; what it sends
    /// before that is read and dropped.
    func closedWithin(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard wait(seconds: deadline.timeIntervalSinceNow) else { return false }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(socket, &buffer, buffer.count)
            if count <= 0 { return true }
        }
        return false
    }

    private func wait(seconds: Double) -> Bool {
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, Int32(max(0, seconds) * 1000)) > 0
    }
}
