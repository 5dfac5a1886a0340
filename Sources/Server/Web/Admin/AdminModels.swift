import Foundation
import Referrals
import Storage

/// What the admin templates show, worked out here so the templates only print.
struct UserListPage {
    let frame: PageFrame
    let rows: [UserRow]
    let count: Int
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

    init(_ account: Account, now: Date) {
        let user = account.user
        name = account.profile.displayName ?? PageLanguage.words.t("profile.not_stated")
        phone = account.profile.phone ?? PageLanguage.words.t("contact.no_phone")
        href = "/admin/users/\(WebPaths.queryEscaped(user.id))"
        email = user.email
        role = PageFrame.roleLabels[user.role] ?? user.role.rawValue
        scope = user.organizationID ?? (user.schoolIDs.isEmpty ? "Whole district" : user.schoolIDs.joined(separator: ", "))
        disabled = account.isDisabled
        status = account.disabledAt.map { "Disabled since \(Labels.day($0))" } ?? "Active"
        let active = account.activeTokens(at: now)
        tokens = active.isEmpty ? "None"
            : "\(active.count), " + (account.soonestExpiry(at: now).map { "first expires \(Labels.day($0))" } ?? "no expiry")
        lastLogin = account.lastLoginAt.map { Labels.day($0) } ?? "Never"
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

    init(frame: PageFrame, account: Account, isSelf: Bool, generatedPassword: String?, now: Date, typedProfile: ProfileForm? = nil) {
        self.frame = frame
        form = typedProfile ?? ProfileForm(account.profile, action: "/admin/users/\(WebPaths.queryEscaped(account.user.id))/profile", csrf: frame.csrf)
        row = UserRow(account, now: now)
        userID = account.user.id
        self.isSelf = isSelf
        disabled = account.isDisabled
        tokens = account.tokens.map { token in
            let status = if let revoked = token.revokedAt { "Revoked \(Labels.day(revoked))" }
                else if !token.isActive(at: now) { "Expired" } else { "Active" }
            return TokenRow(id: token.id, prefix: token.prefix.map { $0 + "…" } ?? "(issued before prefixes were kept)",
                            created: Labels.day(token.createdAt), expires: token.expiresAt.map { Labels.day($0) } ?? "Never",
                            status: status, active: token.isActive(at: now))
        }
        hasTokens = !tokens.isEmpty
        self.generatedPassword = generatedPassword
    }
}
