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
        let notice = context.queryForm(request)["notice"] == "retried" ? "Queued again: the worker sends it on its next round." : nil
        let counts = try await outbox.counts()
        let dead = try await outbox.messages(status: .dead, limit: 200).map(OutboxRow.init)
        let waiting = try await outbox.messages(status: .pending, limit: 50).map(OutboxRow.init)
        return services.renderer.render("admin-outbox", OutboxPageModel(
            frame: PageFrame(title: "Notification outbox", context: context, path: "/admin/outbox", notice: notice),
            pending: counts[.pending] ?? 0, delivered: counts[.delivered] ?? 0, deadCount: counts[.dead] ?? 0,
            dead: dead, waiting: waiting, hasDead: !dead.isEmpty, hasWaiting: !waiting.isEmpty,
            maximumAttempts: RetryPolicy().maximumAttempts))
    }

    @Sendable func retry(_ request: Request, context: WebRequestContext) async throws -> Response {
        _ = try context.requireRole(AdminPages.roles, request)
        guard let id = Int(try context.parameters.require("id")), try await outbox.retry(id: id, now: services.clock()) else {
            throw WebPageError.notFound("No dead message with that number.")
        }
        return PageRenderer.seeOther("/admin/outbox?notice=retried")
    }
}

struct OutboxPageModel {
    let frame: PageFrame
    let pending: Int
    let delivered: Int
    let deadCount: Int
    let dead: [OutboxRow]
    let waiting: [OutboxRow]
    // Stored, not computed: the templates read models by reflection.
    let hasDead: Bool
    let hasWaiting: Bool
    let maximumAttempts: Int
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
        channel = message.channel == .email ? "Email" : "Webhook"
        recipient = message.recipient
        event = message.event
        referralID = message.referralID
        referralHref = "/referrals/\(WebPaths.queryEscaped(message.referralID))"
        attempts = message.attempts
        lastError = message.lastError ?? "—"
        created = Self.time(message.createdAt)
        nextAttempt = Self.time(message.nextAttemptAt)
    }

    /// In the district's time zone, as every page shows times (`Labels.dateTime`).
    static func time(_ date: Date) -> String { Labels.dateTime(date) }
}

extension Templates {
    static let adminOutbox = #"""
    {{<layout}}
    {{$main}}
    <p>Notifications are written with the referral event they tell about and sent by a worker: email over SMTP and signed webhooks.
    A message that fails is tried again later, less often each time; after {{maximumAttempts}} attempts it is given up and listed here.</p>
    <dl class="facts">
      <dt>Waiting to be sent</dt><dd>{{pending}}</dd>
      <dt>Delivered</dt><dd>{{delivered}}</dd>
      <dt>Gave up (dead letters)</dt><dd>{{deadCount}}</dd>
    </dl>
    <h2>Dead letters</h2>
    {{^dead}}<p>None.</p>{{/dead}}
    {{#hasDead}}
    <table>
      <caption>Messages no longer tried, newest first</caption>
      <thead><tr><th scope="col">Number</th><th scope="col">Channel</th><th scope="col">To</th><th scope="col">Event</th><th scope="col">Referral</th><th scope="col">Attempts</th><th scope="col">Last error</th><th scope="col">Action</th></tr></thead>
      <tbody>
      {{#dead}}
      <tr><th scope="row">{{id}}</th><td>{{channel}}</td><td>{{recipient}}</td><td>{{event}}</td><td><a href="{{referralHref}}">{{referralID}}</a></td><td>{{attempts}}</td><td>{{lastError}}</td>
        <td><form method="post" action="/admin/outbox/{{id}}/retry"><input type="hidden" name="csrf_token" value="{{frame.csrf}}"><button type="submit">Try again</button></form></td></tr>
      {{/dead}}
      </tbody>
    </table>
    {{/hasDead}}
    <h2>Waiting</h2>
    {{^waiting}}<p>None.</p>{{/waiting}}
    {{#hasWaiting}}
    <table>
      <caption>Messages waiting to be sent, newest first (at most 50)</caption>
      <thead><tr><th scope="col">Number</th><th scope="col">Channel</th><th scope="col">To</th><th scope="col">Event</th><th scope="col">Attempts</th><th scope="col">Next attempt</th><th scope="col">Last error</th></tr></thead>
      <tbody>
      {{#waiting}}
      <tr><th scope="row">{{id}}</th><td>{{channel}}</td><td>{{recipient}}</td><td>{{event}}</td><td>{{attempts}}</td><td>{{nextAttempt}}</td><td>{{lastError}}</td></tr>
      {{/waiting}}
      </tbody>
    </table>
    {{/hasWaiting}}
    {{/main}}
    {{/layout}}
    """#
}
