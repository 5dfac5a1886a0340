import Foundation
import Referrals
import SQLKit

/// Disabling a user and ending sessions. The session rows are deleted here rather than through
/// `SessionStore`, in the same transaction as the change that ends them.
extension AccountStore {
    public struct Change: Sendable {
        /// The account after the change.
        public var account: Account
        /// False when the account already was as asked (nothing written, nothing audited).
        public var changed: Bool
        /// Browser sessions the change ended.
        public var sessionsEnded: Int
    }

    /// Disables (`disabled` true) or enables the user. Disabling ends every browser session of the
    /// user and stops the user's tokens from working until enabled again (tokens are not revoked:
    /// enabling restores them unless they were revoked or expired meanwhile). `refusal` sees the
    /// facts inside the transaction and throws to refuse, so the rule and the write cannot race.
    public func setDisabled(
        _ disabled: Bool, userID: String, by actor: User, now: Date,
        refusal: @escaping @Sendable (DisableFacts) throws -> Void = { _ in }
    ) async throws -> Change {
        let backend = database.backend
        return try await database.transaction { db in
            // Two administrators disabling each other at once must not both pass "not the last admin".
            if backend == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(7202620)").run() }
            guard let target = try await account(id: userID, on: db) else { throw AccountError.unknownUser(userID) }
            guard target.isDisabled != disabled else { return Change(account: target, changed: false, sessionsEnded: 0) }
            if disabled {
                let admins = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("users")
                    .where("role", .equal, Role.admin.rawValue).where("disabled_at", .is, SQLLiteral.null).first()
                    .map { try $0.decode(column: "n", as: Int.self) } ?? 0
                try refusal(DisableFacts(target: target, enabledAdmins: admins))
            }
            let disabledAt: any SQLExpression = disabled ? SQLBind(Clock.seconds(now)!) : SQLLiteral.null
            try await db.update("users").set("disabled_at", to: disabledAt).where("id", .equal, userID).run()
            let ended = if disabled { try await Self.endSessions(ofUser: userID, keeping: nil, on: db) } else { 0 }
            try await ReferralStore.audit(
                on: db, at: now, actor: actor, action: disabled ? "user.disable" : "user.enable",
                organizationID: target.user.organizationID,
                detail: "user \(userID)" + (disabled ? "; \(ended) browser sessions ended, API tokens refused while disabled" : ""))
            var after = target
            after.disabledAt = disabled ? Clock.date(Clock.seconds(now)) : nil
            return Change(account: after, changed: true, sessionsEnded: ended)
        }
    }

    /// Deletes the user's browser sessions except the one whose cookie is `keepingToken`; returns how many ended.
    static func endSessions(ofUser userID: String, keeping keepingToken: String?, on db: any SQLDatabase) async throws -> Int {
        var count = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("web_sessions")
            .where("user_id", .equal, userID)
        var delete = db.delete(from: "web_sessions").where("user_id", .equal, userID)
        if let keepingToken {
            count = count.where("token_hash", .notEqual, TokenHash.hash(keepingToken))
            delete = delete.where("token_hash", .notEqual, TokenHash.hash(keepingToken))
        }
        let ended = try await count.first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
        try await delete.run()
        return ended
    }
}
