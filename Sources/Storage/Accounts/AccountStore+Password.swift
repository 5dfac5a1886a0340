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
            try await db.update("users").set("password_hash", to: SQLBind(hash)).where("id", .equal, userID).run()
            let ended = try await Self.endSessions(ofUser: userID, keeping: keepingSessionToken, on: db)
            try await ReferralStore.audit(
                on: db, at: now, actor: actor, action: "user.password_reset", organizationID: account.user.organizationID,
                detail: "user \(userID); \(generated ? "generated" : "typed") password; \(ended) other browser sessions ended")
            return ended
        }
    }
}
