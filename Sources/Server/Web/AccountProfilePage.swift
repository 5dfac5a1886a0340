import Foundation
import Hummingbird
import Referrals
import Storage
import Workflows

/// `/account/profile`: a signed-in user states how people reach them — the name and work phone a
/// partner sees on every referral the user made (issue 22 item 2). The email is the sign-in address.
/// Administrators set anyone's on the user's admin page; both go through `AccountAdministration`.
struct AccountProfilePage: Sendable {
    static let path = "/account/profile"
    let services: WebServices

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("account/profile", use: show)
        web.post("account/profile", use: update)
    }

    struct Page {
        let frame: PageFrame
        let form: ProfileForm
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let profile = try await AccountAdministration(accounts: services.accounts).profile(of: user)
        let saved = context.queryForm(request)["notice"] == "saved"
        return page(context, user: user, form: ProfileForm(profile, action: Self.path, csrf: context.session?.csrfToken ?? ""),
                    notice: saved ? context.words.t("profile.saved") : nil, error: nil, status: .ok)
    }

    @Sendable func update(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let form = context.form
        do {
            _ = try await AccountAdministration(accounts: services.accounts).updateProfile(
                of: user.id, name: form["name"], phone: form["phone"], by: user, now: services.clock())
            return PageRenderer.seeOther(Self.path + "?notice=saved")
        } catch let refusal as AccountRefusal {
            // What was typed stays in the form, beside the message.
            let typed = ProfileForm(name: form["name"] ?? "", phone: form["phone"] ?? "", action: Self.path, csrf: context.session?.csrfToken ?? "")
            return page(context, user: user, form: typed, notice: nil, error: context.words.t("profile.not_saved", ["problem": RefusalWords.text(refusal)]),
                        status: .unprocessableContent)
        }
    }

    private func page(
        _ context: WebRequestContext, user: User, form: ProfileForm, notice: String?, error: String?, status: HTTPResponse.Status
    ) -> Response {
        services.renderer.render("account-profile", Page(
            frame: PageFrame(title: context.words.t("profile.title"), context: context, path: Self.path, notice: notice, error: error),
            form: form), status: status)
    }
}

/// The profile fields as a form shows them (own page and admin page alike).
struct ProfileForm: Sendable {
    let name: String
    let phone: String
    let action: String
    let csrf: String

    init(name: String, phone: String, action: String, csrf: String) {
        self.name = name
        self.phone = phone
        self.action = action
        self.csrf = csrf
    }

    init(_ profile: UserProfile, action: String, csrf: String) {
        self.init(name: profile.displayName ?? "", phone: profile.phone ?? "", action: action, csrf: csrf)
    }
}

extension Templates {
    /// The profile fields; rendered with `form` (a `ProfileForm`), words from the catalogs (`profile.*`).
    static let profileFields = #"""
    <form method="post" action="{{form.action}}" class="stack">
      <input type="hidden" name="csrf_token" value="{{form.csrf}}">
      <label for="profile-name">[[profile.name]]</label>
      <input type="text" id="profile-name" name="name" value="{{form.name}}" maxlength="100" autocomplete="name" aria-describedby="profile-name-help">
      <p id="profile-name-help" class="muted">[[profile.name_help]]</p>
      <label for="profile-phone">[[profile.phone]]</label>
      <input type="tel" id="profile-phone" name="phone" value="{{form.phone}}" maxlength="40" autocomplete="tel" aria-describedby="profile-phone-help">
      <p id="profile-phone-help" class="muted">[[profile.phone_help]]</p>
      <p><button type="submit">[[profile.save]]</button></p>
    </form>
    """#

    static let accountProfile = #"""
    {{<layout}}
    {{$main}}
    <p>[[profile.intro]]</p>
    {{>profile-fields}}
    <p><a href="/account">[[profile.back_to_account]]</a> · <a href="/account/password">[[password.title]]</a> · <a href="/account/notifications">[[profile.notifications_link]]</a></p>
    {{/main}}
    {{/layout}}
    """#
}
