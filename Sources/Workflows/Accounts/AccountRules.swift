import Foundation
import Referrals
import Storage

/// The rules of managing accounts, without I/O: who may change whom, how long a token lives,
/// which token a name means, what a generated password looks like. `AccountAdministration` applies
/// them for the CLI and the admin page alike.
///
/// What "disabled" blocks: signing in with the password, every browser session (ended at once) and
/// every API token (refused, 401 `user_disabled`, while disabled; enabling restores the tokens that
/// were neither revoked nor expired meanwhile, and no session comes back).
public enum AccountRules {
    /// A token expires this many days after it is issued unless the command or the district says otherwise.
    public static let defaultTokenDays = 90
    public static let tokenDaysRange = 1...3650

    /// Only administrators (and the CLI, which acts as one) manage accounts.
    public static func mayManageAccounts(_ actor: User) -> Bool {
        actor.role == .admin
    }

    /// Why `actor` may not disable the target, if it may not. An admin cannot disable themselves
    /// (their own session would end mid-change), and the last enabled admin stays, so that someone
    /// can still enable users and reset passwords.
    public static func disableRefusal(_ facts: DisableFacts, by actor: User) -> AccountRefusal? {
        if !mayManageAccounts(actor) { return .notAnAdministrator }
        if facts.target.user.id == actor.id { return .cannotDisableYourself }
        if facts.target.user.role == .admin, !facts.target.isDisabled, facts.enabledAdmins <= 1 {
            return .lastAdministrator(facts.target.user.email)
        }
        return nil
    }

    /// When a token issued at `now` expires: after `days` when given, else the district's default,
    /// else `defaultTokenDays`.
    public static func tokenExpiry(days: Int?, districtDefault: Int?, now: Date) throws(AccountRefusal) -> Date {
        let days = days ?? districtDefault ?? defaultTokenDays
        guard tokenDaysRange.contains(days) else { throw .invalidTokenDays(days) }
        return now.addingTimeInterval(TimeInterval(days) * 86_400)
    }

    /// The token of `tokens` that `key` names: its id, or (at least 8 characters) the start of its
    /// text as lists show it (`clt_1a2b3c4d`), or the whole token. Only tokens that still sign in at
    /// `now` can be named; naming one that no longer does is said so.
    public static func token(named key: String, among tokens: [APIToken], user: String, now: Date) throws(AccountRefusal) -> APIToken {
        let key = key.trimmingCharacters(in: .whitespaces)
        let named = tokens.filter { token in
            if token.id == key { return true }
            guard key.count >= 8, let prefix = token.prefix else { return false }
            return prefix.hasPrefix(key) || key.hasPrefix(prefix)
        }
        let active = named.filter { $0.isActive(at: now) }
        switch (active.count, named.first) {
        case (1, _): return active[0]
        case (0, nil): throw .unknownToken(user: user, key: key)
        case (0, let some?): throw .tokenNotActive(id: some.id)
        default: throw .ambiguousToken(key: key, ids: active.map(\.id).sorted())
        }
    }

    /// Characters of generated passwords: no 0/O, 1/l/I, easy to read out and to type.
    static let passwordAlphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A password for a reset, shown once: four groups of four (about 92 random bits).
    public static func generatedPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String((0..<4).map { _ in passwordAlphabet.randomElement(using: &generator)! }) }
            .joined(separator: "-")
    }
}
