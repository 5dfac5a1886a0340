import Foundation
import Referrals
import Storage

/// How a password is reset: a generated one shown once, or one the administrator typed twice.
public enum PasswordChoice: Sendable, Hashable {
    case generate
    case typed(String, confirmation: String)
}

/// Managing people and their access, for `closeloop user` and the admin page: list, add, disable,
/// enable, issue/rotate/revoke tokens, reset passwords. The rules are `AccountRules`; every change
/// is audited in the store's transaction. Throws `AccountRefusal`.
public struct AccountAdministration: Sendable {
    public let accounts: AccountStore

    public init(accounts: AccountStore) {
        self.accounts = accounts
    }

    public struct Added: Sendable {
        public var user: User
        /// Shown once.
        public var token: String
        public var expiresAt: Date
    }

    public struct PasswordReset: Sendable {
        /// The generated password, to show once; nil when the administrator typed it.
        public var generated: String?
        public var sessionsEnded: Int
    }

    public func list(by actor: User) async throws -> [Account] {
        try requireAdmin(actor)
        return try await accounts.accounts()
    }

    /// The account named by its id or email.
    public func account(_ key: String, by actor: User) async throws -> Account {
        try requireAdmin(actor)
        guard let account = try await accounts.account(idOrEmail: key) else { throw AccountRefusal.unknownUser(key) }
        return account
    }

    /// A new user with a first API token that expires after `tokenDays` (or the default).
    /// `name` and `phone` are the optional profile (`ProfileRules`).
    public func addUser(
        email: String, role: Role, organizationID: String?, schoolIDs: [String], password: String?, tokenDays: Int?,
        name: String? = nil, phone: String? = nil, by actor: User, now: Date
    ) async throws -> Added {
        try requireAdmin(actor)
        let profile = try ProfileRules.profile(name: name, phone: phone)
        let expiry = try await tokenExpiry(days: tokenDays, now: now)
        do {
            let (user, token) = try await accounts.addUser(
                email: email, role: role, organizationID: organizationID, schoolIDs: schoolIDs, password: password, tokenExpiresAt: expiry,
                profile: profile)
            return Added(user: user, token: token, expiresAt: expiry)
        } catch let error as AccountError {
            throw AccountRefusal(error)
        }
    }

    public func disable(_ key: String, by actor: User, now: Date) async throws -> AccountStore.Change {
        let target = try await account(key, by: actor)
        return try await mapped {
            try await accounts.setDisabled(true, userID: target.user.id, by: actor, now: now) { facts in
                if let refusal = AccountRules.disableRefusal(facts, by: actor) { throw refusal }
            }
        }
    }

    public func enable(_ key: String, by actor: User, now: Date) async throws -> AccountStore.Change {
        let target = try await account(key, by: actor)
        return try await mapped { try await accounts.setDisabled(false, userID: target.user.id, by: actor, now: now) }
    }

    /// Another token for the user; `rotating` revokes the ones that still sign in, in the same step.
    public func issueToken(for key: String, days: Int?, rotating: Bool, by actor: User, now: Date) async throws -> AccountStore.IssuedToken {
        let target = try await account(key, by: actor)
        guard !target.isDisabled else { throw AccountRefusal.userDisabled(target.user.email) }
        let expiry = try await tokenExpiry(days: days, now: now)
        return try await mapped {
            try await accounts.issueToken(userID: target.user.id, expiresAt: expiry, revokingOthers: rotating, by: actor, now: now)
        }
    }

    /// Revokes the token `tokenKey` names (id or prefix, see `AccountRules.token(named:)`).
    public func revokeToken(_ tokenKey: String, of key: String, by actor: User, now: Date) async throws -> APIToken {
        let target = try await account(key, by: actor)
        let token = try AccountRules.token(named: tokenKey, among: target.tokens, user: target.user.email, now: now)
        let revoked = try await mapped { try await accounts.revokeTokens(ids: [token.id], ofUser: target.user.id, by: actor, now: now) }
        // Revoked or expired between the read and the write: say so rather than claim a revocation.
        guard let done = revoked.first else { throw AccountRefusal.tokenNotActive(id: token.id) }
        return done
    }

    /// Revokes every token of the user that still signs in; returns them (none is not an error).
    public func revokeAllTokens(of key: String, by actor: User, now: Date) async throws -> [APIToken] {
        let target = try await account(key, by: actor)
        let ids = target.activeTokens(at: now).map(\.id)
        return try await mapped { try await accounts.revokeTokens(ids: ids, ofUser: target.user.id, by: actor, now: now) }
    }

    /// Sets a new password and ends the user's other browser sessions (all of them, but the one
    /// whose cookie is `keepingSessionToken` when an administrator resets their own).
    public func resetPassword(
        of key: String, to choice: PasswordChoice, by actor: User, keepingSessionToken: String? = nil, now: Date
    ) async throws -> PasswordReset {
        let target = try await account(key, by: actor)
        let password: String
        let generated: Bool
        switch choice {
        case .generate:
            password = AccountRules.generatedPassword()
            generated = true
        case .typed(let first, let confirmation):
            guard first == confirmation else { throw AccountRefusal.passwordsDiffer }
            password = first
            generated = false
        }
        let keep = target.user.id == actor.id ? keepingSessionToken : nil
        let ended = try await mapped {
            try await accounts.setPassword(password, userID: target.user.id, by: actor, keepingSessionToken: keep, generated: generated, now: now)
        }
        return PasswordReset(generated: generated ? password : nil, sessionsEnded: ended)
    }

    /// The user sets their own password (after an administrator set it, or at any time): the current one
    /// must be right, the new one typed twice, long enough and not the current one. Audited by the store.
    public func changeOwnPassword(
        of user: User, current: String, new password: String, confirmation: String, keepingSessionToken: String?, now: Date
    ) async throws {
        guard password == confirmation else { throw AccountRefusal.passwordsDiffer }
        let changed = try await mapped {
            try await accounts.changeOwnPassword(userID: user.id, current: current, new: password,
                                                 keepingSessionToken: keepingSessionToken, now: now)
        }
        guard changed else { throw AccountRefusal.invalid("the current password is not right") }
    }

    /// Sets the display name and phone of the user `key` names, as typed (blank clears: "not
    /// stated"). An administrator may set anyone's; anyone else only their own. Audited.
    public func updateProfile(of key: String, name: String?, phone: String?, by actor: User, now: Date) async throws -> UserProfile {
        let profile = try ProfileRules.profile(name: name, phone: phone)
        let targetID: String
        if key == actor.id || key.lowercased() == actor.email {
            targetID = actor.id
        } else {
            targetID = try await account(key, by: actor).user.id
        }
        try await mapped { try await accounts.setProfile(profile, userID: targetID, by: actor, now: now) }
        return profile
    }

    /// The profile of `user` (for their own profile page).
    public func profile(of user: User) async throws -> UserProfile {
        try await accounts.profile(userID: user.id) ?? UserProfile()
    }

    /// When a token issued now expires: `days`, else the district's default, else 90 days.
    public func tokenExpiry(days: Int?, now: Date) async throws -> Date {
        let districtDefault = try await accounts.defaultTokenDays()
        return try AccountRules.tokenExpiry(days: days, districtDefault: districtDefault, now: now)
    }

    /// The district's default token lifetime (`AccountRules.defaultTokenDays` when it has set none).
    public func defaultTokenDays() async throws -> Int {
        try await accounts.defaultTokenDays() ?? AccountRules.defaultTokenDays
    }

    public func setDefaultTokenDays(_ days: Int, by actor: User) async throws {
        try requireAdmin(actor)
        guard AccountRules.tokenDaysRange.contains(days) else { throw AccountRefusal.invalidTokenDays(days) }
        try await accounts.setDefaultTokenDays(days)
    }

    private func requireAdmin(_ actor: User) throws(AccountRefusal) {
        guard AccountRules.mayManageAccounts(actor) else { throw .notAnAdministrator }
    }

    /// The store's `AccountError`s as refusals.
    private func mapped<R>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as AccountError {
            throw AccountRefusal(error)
        }
    }
}
