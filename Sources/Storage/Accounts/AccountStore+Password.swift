import Foundation
import Referrals
import SQLKit

extension AccountStore {
    /// Sets the user's password (bcrypt) and ends the user's other browser sessions: every one but
    /// the session whose cookie is `keepingSessionToken` (an administrator resetting their own
    /// password stays signed in). Audited, without the password. Returns how many sessions ended.
    public func setPassword(
        _ password: String, userID: String, by actor: User, keepingSessionToken: String? = nil, generated: Bool, now: Date
    ) async throws -> Int {
        try Self.checkStrength(password)
        let hash = await Self.bcryptHash(password)
        return try await database.transaction { db in
            guard let account = try await account(id: userID, on: db) else { throw AccountError.unknownUser(userID) }
            // Someone else's password is known to the one who set it: the user must choose their own at next sign-in.
            try await db.update("users").set("password_hash", to: SQLBind(hash))
                .set("password_change_required", to: SQLBind(actor.id == userID ? 0 : 1)).where("id", .equal, userID).run()
            let ended = try await Self.endSessions(ofUser: userID, keeping: keepingSessionToken, on: db)
            try await ReferralStore.audit(
                on: db, at: now, actor: actor, action: "user.password_reset", organizationID: account.user.organizationID,
                detail: "user \(userID); \(generated ? "generated" : "typed") password; \(ended) other browser sessions ended")
            return ended
        }
    }

    /// The user sets their own password, proving the current one: the administrator's password stops
    /// working, the must-change mark is cleared, the user's other browser sessions end. Audited
    /// (`user.password_change`), without either password. False when `current` is wrong.
    public func changeOwnPassword(
        userID: String, current: String, new password: String, keepingSessionToken: String?, now: Date
    ) async throws -> Bool {
        guard let row = try await sql.select().column("password_hash").from("users").where("id", .equal, userID).first(),
              let hash = try row.decode(column: "password_hash", as: String?.self),
              await Self.bcryptVerify(current, hash: hash) else { return false }
        try Self.checkStrength(password)
        guard current != password else { throw AccountError.weakPassword("choose a password different from the one you were given") }
        let newHash = await Self.bcryptHash(password)
        return try await database.transaction { db in
            guard let account = try await account(id: userID, on: db) else { throw AccountError.unknownUser(userID) }
            try await db.update("users").set("password_hash", to: SQLBind(newHash)).set("password_change_required", to: SQLBind(0))
                .where("id", .equal, userID).run()
            let ended = try await Self.endSessions(ofUser: userID, keeping: keepingSessionToken, on: db)
            try await ReferralStore.audit(
                on: db, at: now, actor: account.user, action: "user.password_change", organizationID: account.user.organizationID,
                detail: "user \(userID) set their own password; \(ended) other browser sessions ended")
            return true
        }
    }

    /// Whether an administrator set the user's password since the user last set their own.
    public func passwordChangeRequired(userID: String) async throws -> Bool {
        try await sql.select().column("password_change_required").from("users").where("id", .equal, userID).first()
            .map { try $0.decode(column: "password_change_required", as: Int.self) != 0 } ?? false
    }
}
