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

    static func enqueue(for event: ReferralEvent, referral: Referral, notices: EventNotices, on db: any SQLDatabase, now: Date) async throws {
        guard let kind = NotificationEvent(event), notices.enabled else { return }
        let baseURL = notices.settings[baseURLKey] ?? defaultBaseURL
        let serviceName = notices.serviceName ?? referral.serviceID
        var people = db.select().columns("id", "email", "notification_preference", "language").from("users")
            .where("disabled_at", .is, SQLLiteral.null)
        var webhookURL: String?
        switch kind.audience {
        case .partnerOrganization:
            people = people.where("organization_id", .equal, referral.organizationID).where("role", .equal, Role.partner.rawValue)
            webhookURL = notices.webhookURL
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
        try await insert(drafts, on: db, now: now)
    }

    /// Writes drafts as pending rows due now, in one statement, in the planner's order; on the
    /// caller's transaction (the event's, a follow-up notice's, a digest's claim).
    static func insert(_ drafts: [OutboxDraft], on db: any SQLDatabase, now: Date) async throws {
        guard !drafts.isEmpty else { return }
        let at = Clock.seconds(now)!
        var insert = db.insert(into: "outbox_messages")
            .columns("delivery_id", "channel", "recipient", "user_id", "organization_id", "event_kind", "referral_id",
                     "subject", "body", "status", "attempts", "next_attempt_at", "created_at")
        for draft in drafts {
            insert = insert
                .values(SQLBind(draft.deliveryID.uuidString.lowercased()), SQLBind(draft.channel.rawValue), SQLBind(draft.recipient),
                        SQLBind(draft.userID), SQLBind(draft.organizationID), SQLBind(draft.event.rawValue), SQLBind(draft.referralID),
                        SQLBind(draft.subject), SQLBind(draft.body), SQLBind(OutboxStatus.pending.rawValue), SQLBind(0), SQLBind(at),
                        SQLBind(at))
        }
        try await insert.run()
    }

    /// The switch and the base URL of links, as every writer of outbox rows reads them.
    static func settings(on db: any SQLDatabase) async throws -> (enabled: Bool, links: NotificationLinks) {
        let row = try await db.raw("""
            SELECT (SELECT value FROM district_settings WHERE key = \(bind: enabledKey)) AS enabled,
            (SELECT value FROM district_settings WHERE key = \(bind: baseURLKey)) AS base_url
            """).first()
        let enabled = try row?.decode(column: "enabled", as: String?.self) != "off"
        let base = try row?.decode(column: "base_url", as: String?.self) ?? defaultBaseURL
        return (enabled, NotificationLinks(baseURL: base))
    }
}
