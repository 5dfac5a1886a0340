import Foundation
import Notifications
import Referrals
import SQLKit

/// The one place referral events become outbox rows: `ReferralStore.apply` calls it on the event's
/// own transaction, so a message exists exactly when its event committed.
enum OutboxWriter {
    /// Where links in messages point when no base URL was set (`closeloop serve --base-url`).
    static let defaultBaseURL = "http://127.0.0.1:8080"
    static let baseURLKey = "notifications.base_url"
    /// `off` writes no outbox rows at all (an operator's switch; the benchmark's "off" run).
    static let enabledKey = "notifications.enabled"

    static func enqueue(for event: ReferralEvent, referral: Referral, on db: any SQLDatabase, now: Date) async throws {
        guard let kind = NotificationEvent(event) else { return }
        var settings: [String: String] = [:]
        for row in try await db.select().columns("key", "value").from("district_settings")
            .where("key", .in, [baseURLKey, enabledKey]).all() {
            settings[try row.decode(column: "key", as: String.self)] = try row.decode(column: "value", as: String.self)
        }
        if settings[enabledKey] == "off" { return }
        let baseURL = settings[baseURLKey] ?? defaultBaseURL
        let serviceName = try await db.select().column("name").from("services").where("id", .equal, referral.serviceID).first()
            .map { try $0.decode(column: "name", as: String.self) } ?? referral.serviceID
        var people = db.select().columns("id", "email", "notification_preference", "language").from("users")
            .where("disabled_at", .is, SQLLiteral.null)
        var webhookURL: String?
        switch kind.audience {
        case .partnerOrganization:
            people = people.where("organization_id", .equal, referral.organizationID).where("role", .equal, Role.partner.rawValue)
            webhookURL = try await db.select().column("url").from("organization_webhooks")
                .where("organization_id", .equal, referral.organizationID).first()
                .map { try $0.decode(column: "url", as: String.self) }
        case .coordinator:
            people = people.where("id", .equal, referral.createdBy)
        }
        let recipients = try await people.all().map { row in
            NotificationRecipient(
                userID: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
                preference: NotificationPreference(rawValue: try row.decode(column: "notification_preference", as: String.self)) ?? .immediately,
                language: try row.decode(column: "language", as: String?.self))
        }
        let drafts = NotificationPlanner(links: NotificationLinks(baseURL: baseURL)).drafts(
            for: event, referralID: referral.id, organizationID: referral.organizationID, serviceName: serviceName,
            audience: NotificationAudience(people: recipients, webhookURL: webhookURL))
        let at = Clock.seconds(now)!
        for draft in drafts {
            try await db.insert(into: "outbox_messages")
                .columns("delivery_id", "channel", "recipient", "user_id", "organization_id", "event_kind", "referral_id",
                         "subject", "body", "status", "attempts", "next_attempt_at", "created_at")
                .values(SQLBind(draft.deliveryID.uuidString.lowercased()), SQLBind(draft.channel.rawValue), SQLBind(draft.recipient),
                        SQLBind(draft.userID), SQLBind(draft.organizationID), SQLBind(draft.event.rawValue), SQLBind(draft.referralID),
                        SQLBind(draft.subject), SQLBind(draft.body), SQLBind(OutboxStatus.pending.rawValue), SQLBind(0), SQLBind(at),
                        SQLBind(at))
                .run()
        }
    }
}
