import Foundation
import Hummingbird
import Localization
import Storage
import Workflows

/// `/account`: who is signed in, the language of their pages and notification emails (a
/// select of every loaded catalog, plus "as my browser asks", saved in `users.language`), and the
/// contact details partners see (`/account/profile` edits them), so the header's one link reaches
/// all of the account.
struct AccountPage: Sendable {
    static let path = "/account"
    let services: WebServices

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("account", use: show)
        web.post("account/language", use: setLanguage)
    }

    struct Page {
        let frame: PageFrame
        let email: String
        let role: String
        /// The profile as partners see it; "not stated" when empty.
        let name: String
        let phone: String
        let languages: [Option]
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let chosen = context.session?.language ?? ""
        let profile = try await AccountAdministration(accounts: services.accounts).profile(of: user)
        let catalogs = services.catalogs
        let options = [Option(value: "", label: context.words.t("account.language_browser"), selected: chosen.isEmpty)]
            + catalogs.languages.map { Option(value: $0, label: catalogs.nativeName($0), selected: $0 == chosen) }
        return services.renderer.render("account", Page(
            frame: PageFrame(title: context.words.t("account.title"), context: context, path: Self.path,
                             notice: Notice.text(context.queryForm(request)["notice"])),
            email: user.email, role: PageFrame.roleLabels[user.role] ?? user.role.rawValue,
            name: profile.displayName ?? context.words.t("profile.not_stated"), phone: profile.phone ?? context.words.t("profile.not_stated"),
            languages: options))
    }

    @Sendable func setLanguage(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let value = (context.form["language"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard value.isEmpty || services.catalogs.has(value) else {
            throw WebPageError.badForm(context.words.t("account.unknown_language", ["language": String(value.prefix(20))]))
        }
        try await services.accounts.setLanguage(userID: user.id, to: value.isEmpty ? nil : value)
        return PageRenderer.seeOther(Self.path + "?notice=language_saved")
    }
}

extension Templates {
    static let account = #"""
    {{<layout}}
    {{$main}}
    <dl class="facts"><dt>[[account.email]]</dt><dd>{{email}}</dd><dt>[[account.role]]</dt><dd>{{role}}</dd></dl>
    <h2>[[profile.heading]]</h2>
    <dl class="facts"><dt>[[profile.name]]</dt><dd>{{name}}</dd><dt>[[profile.phone]]</dt><dd>{{phone}}</dd></dl>
    <p><a href="/account/profile">[[account.edit_profile]]</a></p>
    <h2>[[account.language_heading]]</h2>
    <form method="post" action="/account/language" class="stack">
      <input type="hidden" name="csrf_token" value="{{frame.csrf}}">
      <label for="language">[[account.language]]</label>
      <select id="language" name="language">{{#languages}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/languages}}</select>
      <p class="muted">[[account.language_help]]</p>
      <p><button type="submit">[[account.save]]</button></p>
    </form>
    <p><a href="/account/password">[[password.title]]</a></p>
    {{/main}}
    {{/layout}}
    """#
}
