import Foundation
import Hummingbird
import Notifications
import Referrals
import Storage
import Workflows

/// `/account/notifications`: a signed-in user chooses how Closeloop tells them of referral events
/// and follow-ups due: each at once, one email a day, or not at all (issue 22 item 3). Beside the
/// profile page, which links here; the same rule as `closeloop notifications preference`
/// (`NotificationSettings`). Forms carry the session's CSRF token like every other.
struct AccountNotificationsPage: Sendable {
    static let path = "/account/notifications"
    let services: WebServices

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("account/notifications", use: show)
        web.post("account/notifications", use: update)
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let help: String
        let selected: Bool
    }

    struct Page {
        let frame: PageFrame
        let options: [Option]
        let csrf: String
    }

    var settings: NotificationSettings { NotificationSettings(outbox: OutboxStore(database: services.directory.database)) }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let current = try await settings.preference(userID: user.id)
        let saved = context.queryForm(request)["notice"] == "saved"
        return try await page(context, chosen: current, notice: saved ? context.words.t("notifications.saved") : nil, error: nil, status: .ok)
    }

    @Sendable func update(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        guard let chosen = context.form["preference"].flatMap(NotificationPreference.init(rawValue:)) else {
            let current = try await settings.preference(userID: user.id)
            return try await page(context, chosen: current, notice: nil, error: context.words.t("notifications.choose_one"),
                                  status: .unprocessableContent)
        }
        try await settings.setPreference(chosen, user: user.id)
        return PageRenderer.seeOther(Self.path + "?notice=saved")
    }

    private func page(_ context: WebRequestContext, chosen: NotificationPreference, notice: String?, error: String?,
                      status: HTTPResponse.Status) async throws -> Response {
        let words = context.words
        let schedule = try await settings.digestSchedule()
        let options = NotificationPreference.allCases.map { preference in
            Option(value: preference.rawValue, label: words.t("notifications." + preference.rawValue),
                   help: words.t("notifications.\(preference.rawValue)_help",
                                 ["hour": String(format: "%02d:00", schedule.hour), "zone": schedule.timeZone.identifier]),
                   selected: preference == chosen)
        }
        return services.renderer.render("account-notifications", Page(
            frame: PageFrame(title: words.t("notifications.title"), context: context, path: Self.path, notice: notice, error: error),
            options: options, csrf: context.session?.csrfToken ?? ""), status: status)
    }
}

extension Templates {
    static let accountNotifications = #"""
    {{<layout}}
    {{$main}}
    <p>[[notifications.intro]]</p>
    <form method="post" action="/account/notifications" class="stack">
      <input type="hidden" name="csrf_token" value="{{csrf}}">
      <fieldset>
        <legend>[[notifications.legend]]</legend>
        {{#options}}
        <div>
          <label><input type="radio" name="preference" value="{{value}}" aria-describedby="preference-{{value}}-help"{{#selected}} checked{{/selected}}> {{label}}</label>
          <p id="preference-{{value}}-help" class="muted">{{help}}</p>
        </div>
        {{/options}}
      </fieldset>
      <p><button type="submit">[[notifications.save]]</button></p>
    </form>
    <p><a href="/account/profile">[[notifications.back]]</a></p>
    {{/main}}
    {{/layout}}
    """#
}
