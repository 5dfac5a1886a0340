import Foundation
import Referrals
import SQLKit

/// Tokens an administrator issues, revokes and rotates; each is audited.
extension AccountStore {
    public struct IssuedToken: Sendable {
        /// The token's text: shown once, never stored.
        public var token: String
        public var info: APIToken
        /// Tokens the issue revoked (a rotation's old ones).
        public var revoked: [APIToken]
    }

    /// Issues a token for `userID` expiring at `expiresAt`. With `revokingOthers`, every other token
    /// of the user still signing in is revoked in the same transaction (a rotation).
    public func issueToken(
        userID: String, expiresAt: Date?, revokingOthers: Bool = false, by actor: User, now: Date
    ) async throws -> IssuedToken {
        let token = TokenHash.newToken()
        return try await database.transaction { db in
            guard let account = try await account(id: userID, on: db) else { throw AccountError.unknownUser(userID) }
            let revoked: [APIToken] = if revokingOthers {
                try await Self.revoke(account.activeTokens(at: now), of: account.user, by: actor, now: now, on: db)
            } else {
                []
            }
            let info = try await Self.insertToken(token, userID: userID, expiresAt: expiresAt, now: now, on: db)
            try await ReferralStore.audit(
                on: db, at: now, actor: actor, action: revokingOthers ? "token.rotate" : "token.issue",
                organizationID: account.user.organizationID,
                detail: "user \(userID); token \(info.id) (\(info.prefix ?? "")), expires \(info.expiresAt.map { CalendarDate($0).description } ?? "never")"
                    + (revokingOthers ? "; revoked \(revoked.count)" : ""))
            return IssuedToken(token: token, info: info, revoked: revoked)
        }
    }

    /// Revokes the user's tokens with these ids that still sign in at `now`; returns those revoked.
    public func revokeTokens(ids: [String], ofUser userID: String, by actor: User, now: Date) async throws -> [APIToken] {
        try await database.transaction { db in
            guard let account = try await account(id: userID, on: db) else { throw AccountError.unknownUser(userID) }
            let chosen = account.activeTokens(at: now).filter { ids.contains($0.id) }
            return try await Self.revoke(chosen, of: account.user, by: actor, now: now, on: db)
        }
    }

    /// Marks `tokens` revoked at `now`, one audit line each.
    private static func revoke(_ tokens: [APIToken], of user: User, by actor: User, now: Date, on db: any SQLDatabase) async throws -> [APIToken] {
        var revoked: [APIToken] = []
        for var token in tokens {
            try await db.update("api_tokens").set("revoked_at", to: SQLBind(Clock.seconds(now)!))
                .where("id", .equal, token.id).where("revoked_at", .is, SQLLiteral.null).run()
            try await ReferralStore.audit(
                on: db, at: now, actor: actor, action: "token.revoke", organizationID: user.organizationID,
                detail: "user \(user.id); token \(token.id)" + (token.prefix.map { " (\($0))" } ?? ""))
            token.revokedAt = Clock.date(Clock.seconds(now))
            revoked.append(token)
        }
        return revoked
    }
}
