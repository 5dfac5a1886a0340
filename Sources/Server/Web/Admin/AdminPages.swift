import Foundation
import Hummingbird
import Referrals
import Storage
import Workflows

/// The administrator's user pages: list users, disable or enable one, reset a password, revoke a
/// token. Every change goes through `AccountAdministration` (as `closeloop user` does), is a CSRF-
/// checked form POST and is audited there.
struct AdminPages: Sendable {
    let services: WebServices
    static let roles: Set<Role> = [.admin]

    var administration: AccountAdministration { AccountAdministration(accounts: services.accounts) }

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("admin/users", use: list)
        web.get("admin/users/:id", use: show)
        web.post("admin/users/:id/disable") { request, context in try await setDisabled(true, request, context) }
        web.post("admin/users/:id/enable") { request, context in try await setDisabled(false, request, context) }
        web.post("admin/users/:id/password", use: resetPassword)
        web.post("admin/users/:id/profile", use: updateProfile)
        web.post("admin/users/:id/tokens/:token/revoke", use: revokeToken)
    }

    @Sendable func list(_ request: Request, context: WebRequestContext) async throws -> Response {
        let admin = try context.requireRole(Self.roles, request)
        let now = services.clock()
        let accounts = try await administration.list(by: admin)
        let names = try await scopeNames()
        return services.renderer.render("admin-users", UserListPage(
            frame: PageFrame(title: context.words.t("admin.users.title"), context: context, path: "/admin/users"),
            rows: accounts.map { UserRow($0, now: now, names: names) }, count: accounts.count,
            caption: context.words.count("count.admin_users", accounts.count)))
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let admin = try context.requireRole(Self.roles, request)
        let id = try context.parameters.require("id")
        return try await page(id, admin: admin, context: context, notice: Self.notice(context.queryForm(request)["notice"]))
    }

    private func setDisabled(_ disabled: Bool, _ request: Request, _ context: WebRequestContext) async throws -> Response {
        let admin = try context.requireRole(Self.roles, request)
        let id = try context.parameters.require("id")
        do {
            let now = services.clock()
            let change = if disabled {
                try await administration.disable(id, by: admin, now: now)
            } else {
                try await administration.enable(id, by: admin, now: now)
            }
            return PageRenderer.seeOther("/admin/users/\(WebPaths.queryEscaped(change.account.user.id))?notice=\(disabled ? "disabled" : "enabled")")
        } catch let refusal as AccountRefusal {
            return try await refused(refusal, id: id, admin: admin, context: context)
        }
    }

    @Sendable func resetPassword(_ request: Request, context: WebRequestContext) async throws -> Response {
        let admin = try context.requireRole(Self.roles, request)
        let id = try context.parameters.require("id")
        let form = context.form
        // Passwords are taken as typed (not trimmed): a space is a character like any other.
        func raw(_ name: String) -> String { form.pairs.first { $0.name == name }?.value ?? "" }
        let choice: PasswordChoice = form["mode"] == "typed" ? .typed(raw("password"), confirmation: raw("password_confirmation")) : .generate
        do {
            let reset = try await administration.resetPassword(
                of: id, to: choice, by: admin, keepingSessionToken: context.sessionToken, now: services.clock())
            guard let generated = reset.generated else {
                return PageRenderer.seeOther("/admin/users/\(WebPaths.queryEscaped(id))?notice=password_set")
            }
            // Shown once, in this response only (never in a URL, never stored in clear); pages are not cached.
            return try await page(id, admin: admin, context: context,
                                  notice: context.words.t("admin.notice.password_generated", ["sessions": Self.ended(reset.sessionsEnded)]),
                                  generatedPassword: generated)
        } catch let refusal as AccountRefusal {
            return try await refused(refusal, id: id, admin: admin, context: context)
        }
    }

    /// Sets the user's name and phone (what partners see on the referrals they made).
    @Sendable func updateProfile(_ request: Request, context: WebRequestContext) async throws -> Response {
        let admin = try context.requireRole(Self.roles, request)
        let id = try context.parameters.require("id")
        let form = context.form
        do {
            _ = try await administration.updateProfile(of: id, name: form["name"], phone: form["phone"], by: admin, now: services.clock())
            return PageRenderer.seeOther("/admin/users/\(WebPaths.queryEscaped(id))?notice=profile_saved")
        } catch let refusal as AccountRefusal {
            if case .unknownUser = refusal { throw WebPageError.notFound(context.words.t("admin.no_user", ["id": id])) }
            let typed = ProfileForm(name: form["name"] ?? "", phone: form["phone"] ?? "",
                                    action: "/admin/users/\(WebPaths.queryEscaped(id))/profile", csrf: context.session?.csrfToken ?? "")
            return try await page(id, admin: admin, context: context, error: context.words.t("admin.not_done", ["problem": RefusalWords.text(refusal)]),
                                  status: Self.status(refusal), typedProfile: typed)
        }
    }

    @Sendable func revokeToken(_ request: Request, context: WebRequestContext) async throws -> Response {
        let admin = try context.requireRole(Self.roles, request)
        let id = try context.parameters.require("id")
        let token = try context.parameters.require("token")
        do {
            _ = try await administration.revokeToken(token, of: id, by: admin, now: services.clock())
            return PageRenderer.seeOther("/admin/users/\(WebPaths.queryEscaped(id))?notice=token_revoked")
        } catch let refusal as AccountRefusal {
            return try await refused(refusal, id: id, admin: admin, context: context)
        }
    }

    /// The user's page again with the refusal and its status; an unknown user is the not-found page.
    private func refused(_ refusal: AccountRefusal, id: String, admin: User, context: WebRequestContext) async throws -> Response {
        if case .unknownUser = refusal { throw WebPageError.notFound(context.words.t("admin.no_user", ["id": id])) }
        return try await page(id, admin: admin, context: context, error: context.words.t("admin.not_done", ["problem": RefusalWords.text(refusal)]),
                              status: Self.status(refusal))
    }

    private func page(
        _ id: String, admin: User, context: WebRequestContext, notice: String? = nil, error: String? = nil,
        generatedPassword: String? = nil, status: HTTPResponse.Status = .ok, typedProfile: ProfileForm? = nil
    ) async throws -> Response {
        let account: Account
        do {
            account = try await administration.account(id, by: admin)
        } catch AccountRefusal.unknownUser(_) {
            throw WebPageError.notFound(context.words.t("admin.no_user", ["id": id]))
        }
        return services.renderer.render("admin-user", UserPage(
            frame: PageFrame(title: account.user.email, context: context, path: "/admin/users", notice: notice, error: error),
            account: account, isSelf: account.user.id == admin.id, generatedPassword: generatedPassword, now: services.clock(),
            names: try await scopeNames(), typedProfile: typedProfile),
            status: status)
    }

    /// The names of the organizations and schools users' scopes name by id.
    private func scopeNames() async throws -> ScopeNames {
        ScopeNames(organizations: try await services.directory.organizationList(), schools: try await services.directory.schools())
    }

    /// The notice after a change (`?notice=`), in the page's language; nil for a code it does not know.
    static func notice(_ code: String?) -> String? {
        guard let code, ["disabled", "enabled", "password_set", "token_revoked", "profile_saved"].contains(code) else { return nil }
        return PageLanguage.words.t("admin.notice.\(code)")
    }

    static func status(_ refusal: AccountRefusal) -> HTTPResponse.Status {
        switch refusal.status {
        case 403: .forbidden
        case 404: .notFound
        case 409: .conflict
        default: .unprocessableContent
        }
    }

    static func ended(_ count: Int) -> String {
        PageLanguage.words.count("count.admin_sessions_ended", count)
    }
}
