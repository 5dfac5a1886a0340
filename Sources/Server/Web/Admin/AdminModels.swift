import Directory
import Foundation
import Localization
import Referrals
import Storage

/// What the admin templates show, worked out here so the templates only print.
struct UserListPage {
    let frame: PageFrame
    let rows: [UserRow]
    let count: Int
    /// "12 users, by email", counted in the page's language.
    let caption: String
}

/// The names of the organizations and schools a user's scope names by id: an administrator reads
/// "Cedar Park Elementary", not `sch-cedarpark-es`. An id the directory no longer names (an
/// organization made inactive) shows as the id.
struct ScopeNames {
    let organizations: [String: String]
    let schools: [String: String]

    init(organizations: [(id: String, name: String)], schools: [School]) {
        self.organizations = Dictionary(organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        self.schools = Dictionary(schools.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    /// The organization's name, the schools' names, or "whole district".
    func scope(of user: User, words: Words) -> String {
        if let organization = user.organizationID { return organizations[organization] ?? organization }
        if user.schoolIDs.isEmpty { return words.t("admin.scope.district") }
        return user.schoolIDs.map { schools[$0] ?? $0 }.joined(separator: ", ")
    }
}

struct UserRow {
    let href: String
    let email: String
    let role: String
    let scope: String
    let status: String
    let disabled: Bool
    let tokens: String
    let lastLogin: String
    /// The profile's name and phone, or "not stated".
    let name: String
    let phone: String

    init(_ account: Account, now: Date, names: ScopeNames) {
        let user = account.user
        let w = PageLanguage.words
        name = account.profile.displayName ?? w.t("profile.not_stated")
        phone = account.profile.phone ?? w.t("contact.no_phone")
        href = "/admin/users/\(WebPaths.queryEscaped(user.id))"
        email = user.email
        role = PageFrame.roleLabels[user.role] ?? user.role.rawValue
        scope = names.scope(of: user, words: w)
        disabled = account.isDisabled
        status = account.disabledAt.map { w.t("admin.status.disabled_since", ["day": Labels.day($0)]) } ?? w.t("admin.status.active")
        let active = account.activeTokens(at: now)
        tokens = active.isEmpty ? w.t("admin.tokens.none")
            : account.soonestExpiry(at: now).map { w.t("admin.tokens.first_expires", ["count": String(active.count), "day": Labels.day($0)]) }
                ?? w.t("admin.tokens.no_expiry", ["count": String(active.count)])
        lastLogin = account.lastLoginAt.map { Labels.day($0) } ?? w.t("admin.never")
    }
}

struct UserPage {
    struct TokenRow {
        let id: String
        let prefix: String
        let created: String
        let expires: String
        let status: String
        let active: Bool
    }

    let frame: PageFrame
    let row: UserRow
    let userID: String
    let isSelf: Bool
    let disabled: Bool
    let tokens: [TokenRow]
    let hasTokens: Bool
    let generatedPassword: String?
    /// The profile form: what is stored, or what was typed when it was refused.
    let form: ProfileForm

    init(
        frame: PageFrame, account: Account, isSelf: Bool, generatedPassword: String?, now: Date, names: ScopeNames, typedProfile: ProfileForm? = nil
    ) {
        self.frame = frame
        form = typedProfile ?? ProfileForm(account.profile, action: "/admin/users/\(WebPaths.queryEscaped(account.user.id))/profile", csrf: frame.csrf)
        row = UserRow(account, now: now, names: names)
        userID = account.user.id
        self.isSelf = isSelf
        disabled = account.isDisabled
        let w = PageLanguage.words
        tokens = account.tokens.map { token in
            let status = if let revoked = token.revokedAt { w.t("admin.token.revoked_on", ["day": Labels.day(revoked)]) }
                else if !token.isActive(at: now) { w.t("admin.token.expired") } else { w.t("admin.status.active") }
            return TokenRow(id: token.id, prefix: token.prefix.map { $0 + "…" } ?? w.t("admin.token.no_prefix"),
                            created: Labels.day(token.createdAt), expires: token.expiresAt.map { Labels.day($0) } ?? w.t("admin.never"),
                            status: status, active: token.isActive(at: now))
        }
        hasTokens = !tokens.isEmpty
        self.generatedPassword = generatedPassword
    }
}
