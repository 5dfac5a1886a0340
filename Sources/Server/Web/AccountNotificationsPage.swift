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
        let words: NotificationPreferenceWords
        let options: [Option]
        let csrf: String
    }

    var settings: NotificationSettings { NotificationSettings(outbox: OutboxStore(database: services.directory.database)) }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        let current = try await settings.preference(userID: user.id)
        let saved = context.queryForm(request)["notice"] == "saved"
        return try await page(context, chosen: current, notice: saved ? NotificationPreferenceWords.english.saved : nil, error: nil, status: .ok)
    }

    @Sendable func update(_ request: Request, context: WebRequestContext) async throws -> Response {
        let user = try context.requireUser(request)
        guard let chosen = context.form["preference"].flatMap(NotificationPreference.init(rawValue:)) else {
            let current = try await settings.preference(userID: user.id)
            return try await page(context, chosen: current, notice: nil, error: NotificationPreferenceWords.english.chooseOne,
                                  status: .unprocessableContent)
        }
        try await settings.setPreference(chosen, user: user.id)
        return PageRenderer.seeOther(Self.path + "?notice=saved")
    }

    private func page(_ context: WebRequestContext, chosen: NotificationPreference, notice: String?, error: String?,
                      status: HTTPResponse.Status) async throws -> Response {
        let words = NotificationPreferenceWords.english
        let schedule = try await settings.digestSchedule()
        let options = NotificationPreference.allCases.map { preference in
            Option(value: preference.rawValue, label: words.label(preference), help: words.help(preference, schedule: schedule),
                   selected: preference == chosen)
        }
        return services.renderer.render("account-notifications", Page(
            frame: PageFrame(title: words.title, context: context, path: Self.path, notice: notice, error: error),
            words: words, options: options, csrf: context.session?.csrfToken ?? ""), status: status)
    }
}

/// Every word of the notification preference form, in one place (to move into the message catalogs).
struct NotificationPreferenceWords: Sendable {
    let title: String
    let intro: String
    let legend: String
    let save: String
    let saved: String
    let chooseOne: String
    let back: String

    static let english = NotificationPreferenceWords(
        title: "Notifications",
        intro: "Closeloop emails you when a referral needs you: a new referral for your organization, a partner's answer to your referral, a follow-up that came due. Emails link to the referral and hold no student information.",
        legend: "How should we tell you?", save: "Save notification settings", saved: "Notification settings saved.",
        chooseOne: "Not saved: choose one of the three options.", back: "Back to your profile")

    func label(_ preference: NotificationPreference) -> String {
        switch preference {
        case .immediately: "Immediately"
        case .dailyDigest: "Daily digest"
        case .off: "Off"
        }
    }

    func help(_ preference: NotificationPreference, schedule: DigestSchedule) -> String {
        switch preference {
        case .immediately: "One email for each event, as it happens."
        case .dailyDigest:
            "One email a day at \(String(format: "%02d:00", schedule.hour)) (\(schedule.timeZone.identifier)) counting what happened since the last one, with links; none on a day when nothing happened."
        case .off: "No email. You still see everything on your pages."
        }
    }
}

extension Templates {
    static let accountNotifications = #"""
    {{<layout}}
    {{$main}}
    <p>{{words.intro}}</p>
    <form method="post" action="/account/notifications" class="stack">
      <input type="hidden" name="csrf_token" value="{{csrf}}">
      <fieldset>
        <legend>{{words.legend}}</legend>
        {{#options}}
        <div>
          <label><input type="radio" name="preference" value="{{value}}" aria-describedby="preference-{{value}}-help"{{#selected}} checked{{/selected}}> {{label}}</label>
          <p id="preference-{{value}}-help" class="muted">{{help}}</p>
        </div>
        {{/options}}
      </fieldset>
      <p><button type="submit">{{words.save}}</button></p>
    </form>
    <p><a href="/account/profile">{{words.back}}</a></p>
    {{/main}}
    {{/layout}}
    """#
}
