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
    public func addUser(
        email: String, role: Role, organizationID: String? = nil, schoolIDs: [String] = [], password: String? = nil
    ) async throws -> (user: User, token: String) {
        let email = Self.normalized(email: email)
        guard email.contains("@"), !email.hasPrefix("@"), !email.hasSuffix("@") else { throw AccountError.invalidEmail(email) }
        if let problem = role.scopeProblem(organizationID: organizationID, schoolIDs: schoolIDs) {
            throw AccountError.scopeMismatch(problem)
        }
        if let password, password.count < 10 {
            throw AccountError.weakPassword("passwords need at least 10 characters")
        }
        // bcrypt takes tens of milliseconds by design: off the caller's thread, which may be an event loop.
        let passwordHash: String? = if let password {
            await BackgroundExecutor.shared.run { Bcrypt.hash(password, cost: 10) }
        } else {
            nil
        }
        let user = User(id: TokenHash.newID(prefix: "usr"), email: email, role: role, organizationID: organizationID, schoolIDs: schoolIDs.sorted())
        let token = TokenHash.newToken()
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
                .columns("id", "email", "role", "organization_id", "password_hash", "created_at")
                .values(SQLBind(user.id), SQLBind(email), SQLBind(role.rawValue), SQLBind(organizationID),
                        SQLBind(passwordHash), SQLBind(Clock.nowSeconds()))
                .run()
            for school in user.schoolIDs {
                try await db.insert(into: "user_schools").columns("user_id", "school_id").values(SQLBind(user.id), SQLBind(school)).run()
            }
            try await db.insert(into: "api_tokens").columns("token_hash", "user_id", "created_at")
                .values(SQLBind(TokenHash.hash(token)), SQLBind(user.id), SQLBind(Clock.nowSeconds())).run()
        }
        return (user, token)
    }

    /// The user a bearer token belongs to, if the token is known, not revoked and not expired.
    public func user(forToken token: String, now: Date = Date()) async throws -> User? {
        guard let row = try await sql.select().columns("user_id", "expires_at", "revoked_at").from("api_tokens")
            .where("token_hash", .equal, TokenHash.hash(token)).first() else { return nil }
        if try row.decode(column: "revoked_at", as: Int?.self) != nil { return nil }
        if let expires = try row.decode(column: "expires_at", as: Int?.self), expires <= Int(now.timeIntervalSince1970) { return nil }
        return try await user(id: try row.decode(column: "user_id", as: String.self))
    }

    /// Issues another token for an existing user (shown once).
    public func issueToken(userID: String, expiresAt: Date? = nil) async throws -> String {
        let token = TokenHash.newToken()
        try await sql.insert(into: "api_tokens").columns("token_hash", "user_id", "created_at", "expires_at")
            .values(SQLBind(TokenHash.hash(token)), SQLBind(userID), SQLBind(Clock.nowSeconds()), SQLBind(Clock.seconds(expiresAt)))
            .run()
        return token
    }

    public func user(id: String) async throws -> User? {
        guard let row = try await sql.select().columns("id", "email", "role", "organization_id").from("users")
            .where("id", .equal, id).first() else { return nil }
        return try await user(from: row)
    }

    public func user(email: String) async throws -> User? {
        guard let row = try await sql.select().columns("id", "email", "role", "organization_id").from("users")
            .where("email", .equal, Self.normalized(email: email)).first() else { return nil }
        return try await user(from: row)
    }

    /// The user when the password matches its bcrypt hash; nil otherwise (same answer for an unknown email).
    public func verifyPassword(email: String, password: String) async throws -> User? {
        guard let row = try await sql.select().columns("id", "password_hash").from("users")
            .where("email", .equal, Self.normalized(email: email)).first(),
            let hash = try row.decode(column: "password_hash", as: String?.self) else {
            _ = await Self.bcryptVerify(password, hash: nil)  // same cost whether or not the email exists
            return nil
        }
        guard await Self.bcryptVerify(password, hash: hash) else { return nil }
        return try await user(id: try row.decode(column: "id", as: String.self))
    }

    /// Addresses are stored and looked up trimmed and in lower case: a phone keyboard's autocomplete
    /// leaves a space after the address it fills into a sign-in form.
    static func normalized(email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    private static let decoyHash = Bcrypt.hash("closeloop-decoy-password", cost: 10)

    /// Checks against `hash`, or the decoy when there is none, off the caller's thread (see `addUser`).
    private static func bcryptVerify(_ password: String, hash: String?) async -> Bool {
        await BackgroundExecutor.shared.run { Bcrypt.verify(password, hash: hash ?? decoyHash) }
    }

    private func user(from row: any SQLRow) async throws -> User {
        let id = try row.decode(column: "id", as: String.self)
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else { throw StoreError.integrity("user \(id) has unknown role \(roleText)") }
        let schools = try await sql.select().column("school_id").from("user_schools").where("user_id", .equal, id)
            .orderBy("school_id").all().map { try $0.decode(column: "school_id", as: String.self) }
        return User(id: id, email: try row.decode(column: "email", as: String.self), role: role,
                    organizationID: try row.decode(column: "organization_id", as: String?.self), schoolIDs: schools)
    }
}
