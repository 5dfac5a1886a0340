import Foundation
import Referrals
import SQLKit

/// A signed-in browser: who it is, the token every form must echo back, and when it ends.
public struct WebSession: Sendable, Hashable {
    public var user: User
    /// Per-session CSRF token: a form is only accepted when it carries this value.
    public var csrfToken: String
    public var expiresAt: Date
    /// An administrator set the user's password: the pages send them to choose their own first.
    public var passwordChangeRequired: Bool
    /// The language the user chose on their account page; nil: the browser's choice.
    public var language: String?

    public init(user: User, csrfToken: String, expiresAt: Date, passwordChangeRequired: Bool = false, language: String? = nil) {
        self.language = language
        self.user = user
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
        self.passwordChangeRequired = passwordChangeRequired
    }
}

/// How long a web session lasts: at most `lifetime` after sign-in, and no longer than `idle` after
/// its last use (measured to within `touchInterval`).
public struct SessionTimeouts: Sendable, Hashable {
    public var lifetime: TimeInterval
    public var idle: TimeInterval
    public var touchInterval: TimeInterval

    public init(lifetime: TimeInterval, idle: TimeInterval, touchInterval: TimeInterval = 60) {
        self.lifetime = lifetime
        self.idle = idle
        self.touchInterval = touchInterval
    }
}

/// Server-side sessions for the web pages (the cookie holds only a random token). Ending a
/// session deletes its row, so a stolen cookie stops working at logout, not at expiry.
public struct SessionStore: Sendable {
    public let database: Database
    var sql: any SQLDatabase { database.sql }

    public init(database: Database) {
        self.database = database
    }

    /// Starts a session for `userID` and returns the cookie's token, the only time it is visible.
    /// With an `idleTimeout` the session first ends that long from now, and each use moves the end
    /// on (see `session(token:now:timeouts:)`), never past `lifetime` from now.
    /// Sessions that have already expired are swept here, so the table does not grow without bound.
    public func start(
        userID: String, lifetime: TimeInterval, idleTimeout: TimeInterval? = nil, now: Date = Date()
    ) async throws -> (token: String, session: WebSession) {
        guard let user = try await AccountStore(database: database).user(id: userID) else {
            throw StoreError.integrity("no user with id \(userID) to start a session for")
        }
        let token = "cls_" + Self.randomHex(bytes: 32)
        let firstEnd = min(lifetime, idleTimeout ?? lifetime)
        let session = WebSession(user: user, csrfToken: Self.randomHex(bytes: 32),
                                 expiresAt: Date(timeIntervalSince1970: (now.timeIntervalSince1970 + firstEnd).rounded(.down)))
        let nowSeconds = Clock.seconds(now)!
        try await database.transaction { db in
            try await db.delete(from: "web_sessions").where("expires_at", .lessThanOrEqual, nowSeconds).run()
            try await db.insert(into: "web_sessions")
                .columns("token_hash", "user_id", "csrf_token", "created_at", "expires_at")
                .values(SQLBind(TokenHash.hash(token)), SQLBind(userID), SQLBind(session.csrfToken),
                        SQLBind(nowSeconds), SQLBind(Clock.seconds(session.expiresAt)!))
                .run()
        }
        return (token, session)
    }

    /// The session a cookie's token belongs to, unless it is unknown, ended or expired.
    ///
    /// With `timeouts`, `expires_at` is the end of an idle session: each use moves it to `idle` from
    /// now, capped at `lifetime` after the start. The move is written only when it gains at least
    /// `touchInterval`, so a busy browser costs one UPDATE a minute, not one per request.
    public func session(token: String, now: Date = Date(), timeouts: SessionTimeouts? = nil) async throws -> WebSession? {
        let hash = TokenHash.hash(token)
        guard let row = try await sql.select().columns("user_id", "csrf_token", "created_at", "expires_at").from("web_sessions")
            .where("token_hash", .equal, hash).first() else { return nil }
        var expires = try row.decode(column: "expires_at", as: Int.self)
        let nowSeconds = Clock.seconds(now)!
        guard expires > nowSeconds else { return nil }
        guard let user = try await AccountStore(database: database).user(id: try row.decode(column: "user_id", as: String.self)) else {
            return nil
        }
        if let timeouts {
            let created = try row.decode(column: "created_at", as: Int.self)
            let moved = min(created + Int(timeouts.lifetime), nowSeconds + Int(timeouts.idle))
            if moved - expires >= Int(timeouts.touchInterval) {
                // Only forward: a concurrent request that moved it further is not undone.
                try await sql.update("web_sessions").set("expires_at", to: moved)
                    .where("token_hash", .equal, hash).where("expires_at", .lessThan, moved).run()
                expires = moved
            }
        }
        return WebSession(user: user, csrfToken: try row.decode(column: "csrf_token", as: String.self),
                          expiresAt: Clock.date(expires)!,
                          passwordChangeRequired: try await AccountStore(database: database).passwordChangeRequired(userID: user.id),
                          language: try await AccountStore(database: database).language(userID: user.id))
    }

    /// Logout: the token no longer signs anyone in.
    public func end(token: String) async throws {
        try await sql.delete(from: "web_sessions").where("token_hash", .equal, TokenHash.hash(token)).run()
    }

    /// How many sessions are stored, expired or not (tests check logout and sweeping with it).
    public func count() async throws -> Int {
        try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("web_sessions").first()
            .map { try $0.decode(column: "n", as: Int.self) } ?? 0
    }

    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
