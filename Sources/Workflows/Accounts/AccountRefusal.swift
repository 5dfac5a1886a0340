import Storage

/// Why an account change was refused. Each has a stable `code` (the CLI prints the description,
/// the admin page shows it; `status` is the HTTP status the page answers with).
public enum AccountRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// Only administrators manage accounts.
    case notAnAdministrator
    case unknownUser(String)
    /// An administrator cannot disable the account they act with (another admin, or the CLI, can).
    case cannotDisableYourself
    /// Disabling this admin would leave no administrator who could enable anyone again.
    case lastAdministrator(String)
    /// A token for a disabled user would not work; enable the user first.
    case userDisabled(String)
    case invalidTokenDays(Int)
    /// No token of the user has this id or prefix.
    case unknownToken(user: String, key: String)
    /// More than one token of the user starts with this prefix: give more of it, or the id.
    case ambiguousToken(key: String, ids: [String])
    /// The token named no longer signs in (revoked or expired already).
    case tokenNotActive(id: String)
    case passwordsDiffer
    /// A display name or phone that cannot be someone's (`ProfileRules`); `field` is the form's name.
    case invalidProfile(field: String, message: String)
    /// A new user or password the store refuses (taken email, weak password, unknown school, ...).
    case invalid(String)

    public var code: String {
        switch self {
        case .notAnAdministrator: "forbidden"
        case .unknownUser: "unknown_user"
        case .cannotDisableYourself: "cannot_disable_yourself"
        case .lastAdministrator: "last_administrator"
        case .userDisabled: "user_disabled"
        case .invalidTokenDays: "invalid_token_days"
        case .unknownToken: "unknown_token"
        case .ambiguousToken: "ambiguous_token"
        case .tokenNotActive: "token_not_active"
        case .passwordsDiffer: "passwords_differ"
        case .invalidProfile: "invalid_profile"
        case .invalid: "invalid_account"
        }
    }

    /// 403 for who may not, 404 for what is not there, 409 for what the current state forbids, 422 for bad input.
    public var status: Int {
        switch self {
        case .notAnAdministrator, .cannotDisableYourself: 403
        case .unknownUser, .unknownToken: 404
        case .lastAdministrator, .userDisabled, .tokenNotActive: 409
        case .invalidTokenDays, .ambiguousToken, .passwordsDiffer, .invalidProfile, .invalid: 422
        }
    }

    public var description: String {
        switch self {
        case .notAnAdministrator: "only administrators manage users"
        case .unknownUser(let key): "no user with id or email '\(key)'"
        case .cannotDisableYourself: "you cannot disable your own account; another administrator can"
        case .lastAdministrator(let email): "\(email) is the last administrator who is not disabled; add or enable another first"
        case .userDisabled(let email): "\(email) is disabled; enable the user before issuing a token"
        case .invalidTokenDays(let days):
            "a token lives \(AccountRules.tokenDaysRange.lowerBound)–\(AccountRules.tokenDaysRange.upperBound) days, not \(days)"
        case .unknownToken(let user, let key): "\(user) has no token with id or prefix '\(key)'"
        case .ambiguousToken(let key, let ids): "'\(key)' starts more than one token (\(ids.joined(separator: ", "))); give the token id"
        case .tokenNotActive(let id): "token \(id) is already revoked or expired"
        case .passwordsDiffer: "the two passwords differ"
        case .invalidProfile(_, let message): message
        case .invalid(let reason): reason
        }
    }

    init(_ error: AccountError) {
        switch error {
        case .unknownUser(let key): self = .unknownUser(key)
        default: self = .invalid(error.description)
        }
    }
}
