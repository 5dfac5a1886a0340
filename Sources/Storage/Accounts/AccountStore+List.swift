import Foundation
import Referrals
import SQLKit

/// What an administrator reads about users: every account, disabled or not, with its tokens.
extension AccountStore {
    /// Every account, by email.
    public func accounts() async throws -> [Account] {
        try await accounts(on: sql, where: nil)
    }

    /// The account with this id, or with this email (case and spaces as at sign-in), disabled or not.
    public func account(idOrEmail key: String) async throws -> Account? {
        if let byID = try await account(id: key) { return byID }
        return try await accounts(on: sql, where: ("email", Self.normalized(email: key))).first
    }

    public func account(id: String) async throws -> Account? {
        try await accounts(on: sql, where: ("id", id)).first
    }

    func account(id: String, on db: any SQLDatabase) async throws -> Account? {
        try await accounts(on: db, where: ("id", id)).first
    }

    /// The user's tokens, newest first.
    public func tokens(ofUser userID: String) async throws -> [APIToken] {
        try await tokens(on: sql, userIDs: [userID])[userID] ?? []
    }

    private func accounts(on db: any SQLDatabase, where filter: (column: String, value: String)?) async throws -> [Account] {
        var query = db.select().columns("id", "email", "role", "organization_id", "created_at", "disabled_at", "last_login_at",
                                     "display_name", "phone")
            .from("users")
        if let filter { query = query.where(SQLIdentifier(filter.column), .equal, SQLBind(filter.value)) }
        let rows = try await query.orderBy("email").all()
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        // Every user listed: read the tokens and schools whole rather than bind thousands of ids.
        let tokens = try await tokens(on: db, userIDs: filter == nil ? nil : ids)
        let schools = try await schools(on: db, userIDs: filter == nil ? nil : ids)
        return try rows.map { row in
            let id = try row.decode(column: "id", as: String.self)
            let roleText = try row.decode(column: "role", as: String.self)
            guard let role = Role(rawValue: roleText) else { throw StoreError.integrity("user \(id) has unknown role \(roleText)") }
            let user = User(id: id, email: try row.decode(column: "email", as: String.self), role: role,
                            organizationID: try row.decode(column: "organization_id", as: String?.self), schoolIDs: schools[id] ?? [])
            return Account(user: user, createdAt: Clock.date(try row.decode(column: "created_at", as: Int.self))!,
                           disabledAt: Clock.date(try row.decode(column: "disabled_at", as: Int?.self)),
                           lastLoginAt: Clock.date(try row.decode(column: "last_login_at", as: Int?.self)),
                           tokens: tokens[id] ?? [], profile: try Self.profile(from: row))
        }
    }

    /// Tokens by user, of `userIDs` or (nil) of everyone.
    private func tokens(on db: any SQLDatabase, userIDs: [String]?) async throws -> [String: [APIToken]] {
        if userIDs?.isEmpty == true { return [:] }
        var query = db.select().columns("id", "user_id", "prefix", "created_at", "expires_at", "revoked_at").from("api_tokens")
        if let userIDs { query = query.where("user_id", .in, userIDs) }
        let rows = try await query.orderBy("created_at", .descending).orderBy("id").all()
        return try rows.reduce(into: [:]) { byUser, row in
            let token = APIToken(
                id: try row.decode(column: "id", as: String.self), userID: try row.decode(column: "user_id", as: String.self),
                prefix: try row.decode(column: "prefix", as: String?.self),
                createdAt: Clock.date(try row.decode(column: "created_at", as: Int.self))!,
                expiresAt: Clock.date(try row.decode(column: "expires_at", as: Int?.self)),
                revokedAt: Clock.date(try row.decode(column: "revoked_at", as: Int?.self)))
            byUser[token.userID, default: []].append(token)
        }
    }

    private func schools(on db: any SQLDatabase, userIDs: [String]?) async throws -> [String: [String]] {
        if userIDs?.isEmpty == true { return [:] }
        var query = db.select().columns("user_id", "school_id").from("user_schools")
        if let userIDs { query = query.where("user_id", .in, userIDs) }
        let rows = try await query.orderBy("school_id").all()
        return try rows.reduce(into: [:]) { byUser, row in
            byUser[try row.decode(column: "user_id", as: String.self), default: []].append(try row.decode(column: "school_id", as: String.self))
        }
    }

    /// The district's default token lifetime in days, when it has set one (`closeloop user token-days`).
    public func defaultTokenDays() async throws -> Int? {
        try await sql.select().column("value").from("district_settings").where("key", .equal, Self.tokenDaysSetting).first()
            .flatMap { Int(try $0.decode(column: "value", as: String.self)) }
    }

    public func setDefaultTokenDays(_ days: Int) async throws {
        try await database.transaction { db in
            try await db.delete(from: "district_settings").where("key", .equal, Self.tokenDaysSetting).run()
            try await db.insert(into: "district_settings").columns("key", "value")
                .values(SQLBind(Self.tokenDaysSetting), SQLBind(String(days))).run()
        }
    }

    /// Beside the follow-up timers in `district_settings` (which ignore keys they do not know).
    static let tokenDaysSetting = "accounts.api_token_days"
}
