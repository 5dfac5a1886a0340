import Foundation
import Referrals
import SQLKit

/// The profile others reach a user by (display name, phone; the email is the sign-in address),
/// and the coordinator contact a referral shows its partner.
extension AccountStore {
    /// The user's profile, disabled or not; nil for an unknown user.
    public func profile(userID: String) async throws -> UserProfile? {
        try await sql.select().columns("display_name", "phone").from("users").where("id", .equal, userID).first()
            .map(Self.profile(from:))
    }

    /// Sets the profile as given (nil clears a field: "not stated"). Audited as `user.profile_update`
    /// by `actor` (the user, or an administrator), without the values (they are contact details, not
    /// evidence). The caller (`ProfileRules`) has checked the values.
    public func setProfile(_ profile: UserProfile, userID: String, by actor: User, now: Date) async throws {
        try await database.transaction { db in
            guard let account = try await account(id: userID, on: db) else { throw AccountError.unknownUser(userID) }
            try await db.update("users").set("display_name", to: SQLBind(profile.displayName)).set("phone", to: SQLBind(profile.phone))
                .where("id", .equal, userID).run()
            try await ReferralStore.audit(
                on: db, at: now, actor: actor, action: "user.profile_update", organizationID: account.user.organizationID,
                detail: "user \(userID); name \(profile.displayName == nil ? "not stated" : "stated"); "
                    + "phone \(profile.phone == nil ? "not stated" : "stated")")
        }
    }

    static func profile(from row: any SQLRow) throws -> UserProfile {
        UserProfile(displayName: try row.decode(column: "display_name", as: String?.self), phone: try row.decode(column: "phone", as: String?.self))
    }

    /// Contacts of the users among `ids`, by id, disabled ones included (a referral still names who
    /// made it); unknown ids are left out.
    static func contacts(userIDs ids: [String], on db: any SQLDatabase) async throws -> [String: CoordinatorContact] {
        var found: [String: CoordinatorContact] = [:]
        for batch in Array(Set(ids)).sorted().chunked(into: DirectoryStore.batchSize) {
            for row in try await db.select().columns("id", "email", "display_name", "phone").from("users")
                .where("id", .in, Array(batch)).all() {
                let id = try row.decode(column: "id", as: String.self)
                let profile = try profile(from: row)
                found[id] = CoordinatorContact(userID: id, name: profile.displayName, email: try row.decode(column: "email", as: String.self),
                                               phone: profile.phone)
            }
        }
        return found
    }
}

extension ReferralStore {
    /// The contact of whoever made each referral (`created_by`), by referral id.
    public func coordinatorContacts(for referrals: [Referral]) async throws -> [String: CoordinatorContact] {
        let contacts = try await AccountStore.contacts(userIDs: referrals.map(\.createdBy), on: sql)
        return referrals.reduce(into: [:]) { $0[$1.id] = contacts[$1.createdBy] }
    }

    /// The contact of the user `id` (the maker of a referral not written yet, or its reply).
    public func contact(ofUser id: String) async throws -> CoordinatorContact? {
        try await AccountStore.contacts(userIDs: [id], on: sql)[id]
    }

    /// The contact of whoever made the referral `id`; nil when there is no such referral.
    public func coordinatorContact(forReferral id: String) async throws -> CoordinatorContact? {
        guard let row = try await sql.select().column("created_by").from("referrals").where("id", .equal, id).first() else { return nil }
        return try await contact(ofUser: try row.decode(column: "created_by", as: String.self))
    }
}
