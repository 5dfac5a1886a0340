import Foundation
import Hummingbird
import Notifications
import Referrals
import Storage

/// The administrator's view of the notification outbox: how many messages wait, were delivered or
/// gave up, and the dead letters with their last error, each of which can be queued again.
struct AdminOutboxPage: Sendable {
    let services: WebServices
    var outbox: OutboxStore { OutboxStore(database: services.directory.database) }

    func register(on web: RouterGroup<WebRequestContext>) {
        web.get("admin/outbox", use: show)
        web.post("admin/outbox/:id/retry", use: retry)
    }

    @Sendable func show(_ request: Request, context: WebRequestContext) async throws -> Response {
        _ = try context.requireRole(AdminPages.roles, request)
        let notice = context.queryForm(request)["notice"] == "retried" ? context.words.t("admin.outbox.retried") : nil
        let counts = try await outbox.counts()
        let dead = try await outbox.messages(status: .dead, limit: 200).map(OutboxRow.init)
        let waiting = try await outbox.messages(status: .pending, limit: 50).map(OutboxRow.init)
        return services.renderer.render("admin-outbox", OutboxPageModel(
            frame: PageFrame(title: context.words.t("admin.outbox.title"), context: context, path: "/admin/outbox", notice: notice),
            pending: counts[.pending] ?? 0, delivered: counts[.delivered] ?? 0, deadCount: counts[.dead] ?? 0,
            withdrawn: counts[.withdrawn] ?? 0,
            dead: dead, waiting: waiting, hasDead: !dead.isEmpty, hasWaiting: !waiting.isEmpty,
            retryRule: context.words.t("admin.outbox.retry_rule", ["attempts": String(RetryPolicy().maximumAttempts)])))
    }

    @Sendable func retry(_ request: Request, context: WebRequestContext) async throws -> Response {
        _ = try context.requireRole(AdminPages.roles, request)
        guard let id = Int(try context.parameters.require("id")), try await outbox.retry(id: id, now: services.clock()) else {
            throw WebPageError.notFound(context.words.t("admin.outbox.no_dead"))
        }
        return PageRenderer.seeOther("/admin/outbox?notice=retried")
    }
}

struct OutboxPageModel {
    let frame: PageFrame
    let pending: Int
    let delivered: Int
    let deadCount: Int
    /// Kept, never sent: phone check-ins' texts once asked by phone.
    let withdrawn: Int
    let dead: [OutboxRow]
    let waiting: [OutboxRow]
    // Stored, not computed: the templates read models by reflection.
    let hasDead: Bool
    let hasWaiting: Bool
    /// How often a failing message is tried before it is given up, with the number in the sentence.
    let retryRule: String
}

struct OutboxRow {
    let id: Int
    let deliveryID: String
    let channel: String
    let recipient: String
    let event: String
    let referralHref: String
    let referralID: String
    let attempts: Int
    let lastError: String
    let created: String
    let nextAttempt: String

    init(_ message: OutboxMessage) {
        id = message.id
        deliveryID = message.deliveryID
        let w = PageLanguage.words
        channel = w.t("admin.outbox.channel.\(message.channel.rawValue)")
        recipient = message.recipient
        // The kind's name ("New referral", "Family check-in"); the stored code only for a kind this
        // version does not know (a row written by a newer one).
        event = OutboxEventKind(rawValue: message.event).map { w.t(Self.labelKey($0)) } ?? message.event
        referralID = message.referralID
        referralHref = "/referrals/\(WebPaths.queryEscaped(message.referralID))"
        attempts = message.attempts
        lastError = message.lastError ?? "—"
        created = Self.time(message.createdAt)
        nextAttempt = Self.time(message.nextAttemptAt)
    }

    /// The catalog key of a kind's label: notifications as emails name them (`email.event.*`).
    static func labelKey(_ kind: OutboxEventKind) -> String {
        switch kind {
        case .notification(let event): "email.event.\(event.rawValue)"
        case .familyCheckIn: "admin.outbox.event.family.check_in"
        }
    }

    /// In the district's time zone, as every page shows times (`Labels.dateTime`).
    static func time(_ date: Date) -> String { Labels.dateTime(date) }
}

extension Templates {
    static let adminOutbox = #"""
    {{<layout}}
    {{$main}}
    <p>[[admin.outbox.intro]] {{retryRule}}</p>
    <dl class="facts">
      <dt>[[admin.outbox.pending]]</dt><dd>{{pending}}</dd>
      <dt>[[admin.outbox.delivered]]</dt><dd>{{delivered}}</dd>
      <dt>[[admin.outbox.dead_count]]</dt><dd>{{deadCount}}</dd>
      <dt>[[admin.outbox.withdrawn]]</dt><dd>{{withdrawn}}</dd>
    </dl>
    <h2>[[admin.outbox.dead_heading]]</h2>
    {{^dead}}<p>[[admin.outbox.none]]</p>{{/dead}}
    {{#hasDead}}
    <div class="table-scroll" role="region" aria-label="[[admin.outbox.dead_caption]]" tabindex="0">
    <table>
      <caption>[[admin.outbox.dead_caption]]</caption>
      <thead><tr><th scope="col">[[admin.outbox.col.number]]</th><th scope="col">[[admin.outbox.col.channel]]</th><th scope="col">[[admin.outbox.col.to]]</th><th scope="col">[[admin.outbox.col.event]]</th><th scope="col">[[admin.outbox.col.referral]]</th><th scope="col">[[admin.outbox.col.attempts]]</th><th scope="col">[[admin.outbox.col.last_error]]</th><th scope="col">[[admin.col.action]]</th></tr></thead>
      <tbody>
      {{#dead}}
      <tr><th scope="row">{{id}}</th><td>{{channel}}</td><td>{{recipient}}</td><td>{{event}}</td><td><a href="{{referralHref}}">{{referralID}}</a></td><td>{{attempts}}</td><td>{{lastError}}</td>
        <td><form method="post" action="/admin/outbox/{{id}}/retry"><input type="hidden" name="csrf_token" value="{{frame.csrf}}"><button type="submit">[[admin.outbox.try_again]]</button></form></td></tr>
      {{/dead}}
      </tbody>
    </table>
    </div>
    {{/hasDead}}
    <h2>[[admin.outbox.waiting_heading]]</h2>
    {{^waiting}}<p>[[admin.outbox.none]]</p>{{/waiting}}
    {{#hasWaiting}}
    <div class="table-scroll" role="region" aria-label="[[admin.outbox.waiting_caption]]" tabindex="0">
    <table>
      <caption>[[admin.outbox.waiting_caption]]</caption>
      <thead><tr><th scope="col">[[admin.outbox.col.number]]</th><th scope="col">[[admin.outbox.col.channel]]</th><th scope="col">[[admin.outbox.col.to]]</th><th scope="col">[[admin.outbox.col.event]]</th><th scope="col">[[admin.outbox.col.attempts]]</th><th scope="col">[[admin.outbox.col.next_attempt]]</th><th scope="col">[[admin.outbox.col.last_error]]</th></tr></thead>
      <tbody>
      {{#waiting}}
      <tr><th scope="row">{{id}}</th><td>{{channel}}</td><td>{{recipient}}</td><td>{{event}}</td><td>{{attempts}}</td><td>{{nextAttempt}}</td><td>{{lastError}}</td></tr>
      {{/waiting}}
      </tbody>
    </table>
    </div>
    {{/hasWaiting}}
    {{/main}}
    {{/layout}}
    """#
}
