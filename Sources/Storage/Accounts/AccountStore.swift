import Foundation
import HummingbirdBcrypt
import Referrals
import SQLKit

/// Users, their scopes and their API tokens.
public struct AccountStore: Sendable {
    public let database: Database
    var sql: any SQLDatabase { database.sql }

    public init(database: Database) {
        self.database = database
    }

    /// Adds a user and returns it with a new API token, the only time the token is visible.
    /// `tokenExpiresAt` nil makes a token that never expires; the use case (`AccountAdministration`)
    /// always gives one, the demo and tests may not.
    public func addUser(
        email: String, role: Role, organizationID: String? = nil, schoolIDs: [String] = [], password: String? = nil,
        tokenExpiresAt: Date? = nil, profile: UserProfile = UserProfile()
    ) async throws -> (user: User, token: String) {
        let email = Self.normalized(email: email)
        guard email.contains("@"), !email.hasPrefix("@"), !email.hasSuffix("@") else { throw AccountError.invalidEmail(email) }
        if let problem = role.scopeProblem(organizationID: organizationID, schoolIDs: schoolIDs) {
            throw AccountError.scopeMismatch(problem)
        }
        if let password { try Self.checkStrength(password) }
        // bcrypt takes tens of milliseconds by design: off the caller's thread, which may be an event loop.
        let passwordHash: String? = if let password { await Self.bcryptHash(password) } else { nil }
        let user = User(id: TokenHash.newID(prefix: "usr"), email: email, role: role, organizationID: organizationID, schoolIDs: schoolIDs.sorted())
        let token = TokenHash.newToken()
        let now = Date()
        try await database.transaction { db in
            if let organizationID,
               try await db.select().column("id").from("organizations").where("id", .equal, organizationID).first() == nil {
                throw AccountError.unknownOrganization(organizationID)
            }
            for school in schoolIDs where try await db.select().column("id").from("schools").where("id", .equal, school).first() == nil {
                throw AccountError.unknownSchool(school)
            }
            if try await db.select().column("id").from("users").where("email", .equal, email).first() != nil {
                throw AccountError.emailTaken(email)
            }
            try await db.insert(into: "users")
                .columns("id", "email", "role", "organization_id", "password_hash", "created_at", "display_name", "phone")
                .values(SQLBind(user.id), SQLBind(email), SQLBind(role.rawValue), SQLBind(organizationID),
                        SQLBind(passwordHash), SQLBind(Clock.seconds(now)!), SQLBind(profile.displayName), SQLBind(profile.phone))
                .run()
            for school in user.schoolIDs {
                try await db.insert(into: "user_schools").columns("user_id", "school_id").values(SQLBind(user.id), SQLBind(school)).run()
            }
            _ = try await Self.insertToken(token, userID: user.id, expiresAt: tokenExpiresAt, now: now, on: db)
        }
        return (user, token)
    }

    /// The user a bearer token belongs to, if the token is known, not revoked, not expired and its
    /// user not disabled.
    public func user(forToken token: String, now: Date = Date()) async throws -> User? {
        try await check(token: token, now: now).user
    }

    /// What `token` is worth at `now`, and why not when it is not.
    ///
    /// One statement: this runs before every API request, and the cost of a request follows its
    /// number of statements (docs/PERFORMANCE.md, "Transition statements"). The token, its user and
    /// the user's schools come back as one row per school (one row with no school for none).
    /// Nothing is remembered between requests, so a revoked or expired token or a disabled user is
    /// refused on the very next one.
    public func check(token: String, now: Date = Date()) async throws -> TokenCheck {
        let rows = try await sql.raw("""
            SELECT t.user_id, t.expires_at, t.revoked_at, u.email, u.role, u.organization_id, u.disabled_at, s.school_id
            FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id LEFT JOIN user_schools s ON s.user_id = t.user_id
            WHERE t.token_hash = \(bind: TokenHash.hash(token)) ORDER BY s.school_id
            """).all()
        guard let row = rows.first else { return .unknown }
        if let revoked = try row.decode(column: "revoked_at", as: Int?.self) { return .revoked(at: Clock.date(revoked)!) }
        if let expires = try row.decode(column: "expires_at", as: Int?.self), expires <= Int(now.timeIntervalSince1970) {
            return .expired(at: Clock.date(expires)!)
        }
        let userID = try row.decode(column: "user_id", as: String.self)
        guard let roleText = try row.decode(column: "role", as: String?.self) else { return .unknown }
        guard try row.decode(column: "disabled_at", as: Int?.self) == nil else { return .userDisabled }
        guard let role = Role(rawValue: roleText) else { throw StoreError.integrity("user \(userID) has unknown role \(roleText)") }
        return .valid(User(
            id: userID, email: try row.decode(column: "email", as: String.self), role: role,
            organizationID: try row.decode(column: "organization_id", as: String?.self),
            schoolIDs: try rows.compactMap { try $0.decode(column: "school_id", as: String?.self) }))
    }

    /// Issues another token for an existing user (shown once). Not audited: the demo refreshes its
    /// tokens with it; administrators go through `issueToken(userID:expiresAt:by:now:)`.
    public func issueToken(userID: String, expiresAt: Date? = nil) async throws -> String {
        let token = TokenHash.newToken()
        _ = try await Self.insertToken(token, userID: userID, expiresAt: expiresAt, now: Date(), on: sql)
        return token
    }

    /// Stores a token's hash with a new id and the token's recognisable prefix.
    static func insertToken(_ token: String, userID: String, expiresAt: Date?, now: Date, on db: any SQLDatabase) async throws -> APIToken {
        let info = APIToken(id: TokenHash.newID(prefix: "tok"), userID: userID, prefix: TokenHash.prefix(of: token),
                            createdAt: Clock.date(Clock.seconds(now))!, expiresAt: Clock.date(Clock.seconds(expiresAt)), revokedAt: nil)
        try await db.insert(into: "api_tokens").columns("token_hash", "id", "prefix", "user_id", "created_at", "expires_at")
            .values(SQLBind(TokenHash.hash(token)), SQLBind(info.id), SQLBind(info.prefix), SQLBind(userID),
                    SQLBind(Clock.seconds(info.createdAt)!), SQLBind(Clock.seconds(info.expiresAt)))
            .run()
        return info
    }

    /// The user with this id who may act: nil for an unknown or a disabled one. Sessions resolve
    /// their user through here on every request, so disabling takes effect on the next one.
    public func user(id: String) async throws -> User? {
        guard let row = try await sql.select().columns("id", "email", "role", "organization_id").from("users")
            .where("id", .equal, id).where(SQLIdentifier("disabled_at"), .is, SQLLiteral.null).first() else { return nil }
        return try await user(from: row)
    }

    /// The user with this email who may act: nil for an unknown or a disabled one.
    public func user(email: String) async throws -> User? {
        guard let row = try await sql.select().columns("id", "email", "role", "organization_id").from("users")
            .where("email", .equal, Self.normalized(email: email)).where(SQLIdentifier("disabled_at"), .is, SQLLiteral.null)
            .first() else { return nil }
        return try await user(from: row)
    }

    /// The user when the password matches its bcrypt hash; nil otherwise, with the same answer for
    /// an unknown email and a disabled user (the form does not tell who has an account). A match is
    /// a sign-in: its time is kept for the administrator's list.
    public func verifyPassword(email: String, password: String, now: Date = Date()) async throws -> User? {
        guard let row = try await sql.select().columns("id", "password_hash", "disabled_at").from("users")
            .where("email", .equal, Self.normalized(email: email)).first(),
            let hash = try row.decode(column: "password_hash", as: String?.self) else {
            _ = await Self.bcryptVerify(password, hash: nil)  // same cost whether or not the email exists
            return nil
        }
        guard await Self.bcryptVerify(password, hash: hash), try row.decode(column: "disabled_at", as: Int?.self) == nil else {
            return nil
        }
        let id = try row.decode(column: "id", as: String.self)
        try await sql.update("users").set("last_login_at", to: SQLBind(Clock.seconds(now)!)).where("id", .equal, id).run()
        return try await user(id: id)
    }

    /// Addresses are stored and looked up trimmed and in lower case: a phone keyboard's autocomplete
    /// leaves a space after the address it fills into a sign-in form.
    static func normalized(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static let minimumPasswordLength = 10

    static func checkStrength(_ password: String) throws {
        if password.count < minimumPasswordLength {
            throw AccountError.weakPassword("passwords need at least \(minimumPasswordLength) characters")
        }
    }

    private static let decoyHash = Bcrypt.hash("closeloop-decoy-password", cost: 10)

    static func bcryptHash(_ password: String) async -> String {
        await BackgroundExecutor.shared.run { Bcrypt.hash(password, cost: 10) }
    }

    /// Checks against `hash`, or the decoy when there is none, off the caller's thread (see `addUser`).
    static func bcryptVerify(_ password: String, hash: String?) async -> Bool {
        await BackgroundExecutor.shared.run { Bcrypt.verify(password, hash: hash ?? decoyHash) }
    }

    func user(from row: any SQLRow) async throws -> User {
        let id = try row.decode(column: "id", as: String.self)
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else { throw StoreError.integrity("user \(id) has unknown role \(roleText)") }
        let schools = try await sql.select().column("school_id").from("user_schools").where("user_id", .equal, id)
            .orderBy("school_id").all().map { try $0.decode(column: "school_id", as: String.self) }
        return User(id: id, email: try row.decode(column: "email", as: String.self), role: role,
                    organizationID: try row.decode(column: "organization_id", as: String?.self), schoolIDs: schools)
    }
}
