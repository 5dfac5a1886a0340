import Directory
import Foundation
import HTTPTypes
import Hummingbird
import Notifications
import HummingbirdTesting
import Referrals
import Server
import Storage
import Testing
import TestSupport

/// The page tests' world is the referral world (the shared `ReferralFixture` beside the seed),
/// its people signing in with `WebWorld.password`.
typealias WebWorld = ReferralWorld

/// Runs `body` with the full router (API and pages) over a fresh page-test world.
func withWebWorld(
    _ backend: TestBackend, _ body: @escaping @Sendable (WebWorld, any TestClientProtocol) async throws -> Void
) async throws {
    try await withReferralWorld(backend, password: WebWorld.password, body)
}

/// A browser over the test client: keeps the cookies it is given and the page's CSRF token.
final class PageBrowser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    /// The newest `csrf_token` seen in a page.
    private(set) var csrf: String?
    private(set) var lastSetCookies: [String] = []

    init(_ client: any TestClientProtocol) {
        self.client = client
    }

    @discardableResult
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        try await send(.get, uri, body: nil, headers: extra)
    }

    /// Posts a form; `csrf: .page` adds the newest token seen, `.none` none, `.value` a given one.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: CSRFChoice = .page, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var fields = fields
        switch csrf {
        case .page: if let token = self.csrf { fields.append(("csrf_token", token)) }
        case .none: break
        case .value(let token): fields.append(("csrf_token", token))
        }
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        for field in extra { headers[field.name] = field.value }
        return try await send(.post, uri, body: Self.encode(fields), headers: headers)
    }

    enum CSRFChoice {
        case page
        case none
        case value(String)
    }

    /// Signs in through the login form, as a person would.
    func login(_ email: String, password: String = WebWorld.password) async throws -> TestResponse {
        try await get("/login")
        return try await post("/login", [("email", email), ("password", password)])
    }

    private func send(_ method: HTTPRequest.Method, _ uri: String, body: String?, headers extra: HTTPFields) async throws -> TestResponse {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { $0 }
        lastSetCookies = response.headers[values: .setCookie]
        for header in lastSetCookies {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        if let token = Self.csrfToken(in: String(buffer: response.body)) { csrf = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf_token" value="([0-9a-f]+)""#, options: .regularExpression) else { return nil }
        return String(html[range].split(separator: "\"")[3])
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}

extension TestResponse {
    var html: String { String(buffer: body) }
    var location: String? { headers[.location] }
}

extension WebWorld {
    /// A sent referral whose one notification (the partner's email) failed with `error` on its only
    /// attempt allowed: a dead letter on the admin's outbox page. The outbox and the dead message
    /// come back for the test to retry it.
    func deadLetter(error: String) async throws -> (referral: Referral, outbox: OutboxStore, message: OutboxMessage) {
        let referral = try await sent()
        let outbox = OutboxStore(database: store.database)
        let now = WebWorld.now.addingTimeInterval(5)
        let claimed = try await outbox.claimDue(channels: [.email], now: now, lease: 60, limit: 10)
        try #require(claimed.count == 1)
        #expect(try await outbox.markFailed(claimed[0], error: error, policy: RetryPolicy(maximumAttempts: 1), now: now) == .dead)
        return (referral, outbox, claimed[0])
    }
}
