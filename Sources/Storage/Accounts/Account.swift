import Foundation
import Referrals

/// One API token as an administrator sees it: never its text, only what names and dates it.
public struct APIToken: Sendable, Hashable {
    public var id: String
    public var userID: String
    /// The token's first characters (`clt_` and 8 hex digits), enough to recognise a token one
    /// holds and useless to sign in with; nil for tokens issued before prefixes were kept.
    public var prefix: String?
    public var createdAt: Date
    /// Nil: never expires (tokens issued before expiry was the default, and the demo's).
    public var expiresAt: Date?
    public var revokedAt: Date?

    public init(id: String, userID: String, prefix: String?, createdAt: Date, expiresAt: Date?, revokedAt: Date?) {
        self.id = id
        self.userID = userID
        self.prefix = prefix
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Signs in at `now`: not revoked and not expired (a token expires at its `expiresAt`).
    public func isActive(at now: Date) -> Bool {
        revokedAt == nil && expiresAt.map { $0 > now } != false
    }
}

/// A user with what an administrator manages about them.
public struct Account: Sendable, Hashable {
    public var user: User
    public var createdAt: Date
    /// Set while the user is disabled: no sign-in, no session, no token works.
    public var disabledAt: Date?
    public var lastLoginAt: Date?
    /// Every token ever issued, newest first.
    public var tokens: [APIToken]
    /// Display name and phone, as others reach the user.
    public var profile: UserProfile

    public init(user: User, createdAt: Date, disabledAt: Date?, lastLoginAt: Date?, tokens: [APIToken], profile: UserProfile = UserProfile()) {
        self.profile = profile
        self.user = user
        self.createdAt = createdAt
        self.disabledAt = disabledAt
        self.lastLoginAt = lastLoginAt
        self.tokens = tokens
    }

    public var isDisabled: Bool { disabledAt != nil }

    public func activeTokens(at now: Date) -> [APIToken] { tokens.filter { $0.isActive(at: now) } }

    /// The earliest expiry among the tokens that work at `now` (nil when none expires or none works).
    public func soonestExpiry(at now: Date) -> Date? { activeTokens(at: now).compactMap(\.expiresAt).min() }
}

/// What a bearer token is worth at a moment: the API answers each case with its own problem code.
public enum TokenCheck: Sendable, Hashable {
    case valid(User)
    /// Not a token this store issued (or not a token at all).
    case unknown
    case revoked(at: Date)
    case expired(at: Date)
    /// The token is live but its user is disabled.
    case userDisabled

    public var user: User? {
        if case .valid(let user) = self { user } else { nil }
    }
}

/// What the use case is told when it decides whether a user may be disabled, read inside the
/// transaction that disables, so two administrators cannot both pass a "not the last admin" check.
public struct DisableFacts: Sendable {
    public var target: Account
    /// Admins not disabled, the target included when it is one.
    public var enabledAdmins: Int

    public init(target: Account, enabledAdmins: Int) {
        self.target = target
        self.enabledAdmins = enabledAdmins
    }
}
