import Foundation
import Notifications
import Referrals
import SQLKit

/// What the outbox and check-in writers need to know about one referral event, read in one
/// statement on the event's transaction: the notification switch, the links' base URL and the
/// check-in schedule (district settings), the service's name, the organization's webhook, and how
/// many of the referral's check-ins still wait to be sent. Each writer used to read its own part
/// (up to three statements per event inside the write transaction SQLite serializes; the cost of a
/// transition follows its statements: docs/PERFORMANCE.md, "Issue 20's benchmark table").
struct EventNotices {
    /// The district settings both writers read, by key (`OutboxWriter.enabledKey`, `.baseURLKey`,
    /// the check-in schedule's keys, the time zone); a key not set is absent.
    var settings: [String: String]
    var serviceName: String?
    var webhookURL: String?
    /// The referral's check-ins not yet sent (0 when no earlier event of it could have started one).
    var pendingCheckIns: Int

    /// `off` writes no outbox rows and starts no check-ins (the operator's switch).
    var enabled: Bool { settings[OutboxWriter.enabledKey] != "off" }

    /// Nil, without a read, when neither writer has anything to do for this event.
    static func read(for event: ReferralEvent, referral: Referral, on db: any SQLDatabase) async throws -> EventNotices? {
        let notifies = NotificationEvent(event) != nil
        let startsCheckIn = CheckInPlanner.purpose(of: event) != nil
        let mayCancel = CheckInWriter.mayHaveUnwantedCheckIns(referral, after: event)
        guard notifies || startsCheckIn || mayCancel else { return nil }
        // The pending count only when a check-in can be pending: the writer that makes them is the
        // only one, and it does so only for events it plans for (`CheckInWriter.onEvent`).
        let pending: SQLQueryString = mayCancel ? "(SELECT COUNT(*) " + CheckInWriter.pendingCheckIns(referralID: referral.id) + ")" : "0"
        // Each table is keyed by the column compared, so every subquery gives at most one row.
        guard let row = try await db.raw("""
            SELECT (SELECT value FROM district_settings WHERE key = \(bind: OutboxWriter.enabledKey)) AS enabled,
            (SELECT value FROM district_settings WHERE key = \(bind: OutboxWriter.baseURLKey)) AS base_url,
            (SELECT value FROM district_settings WHERE key = \(bind: CheckInWriter.businessDaysKey)) AS business_days,
            (SELECT value FROM district_settings WHERE key = \(bind: CheckInWriter.validDaysKey)) AS valid_days,
            (SELECT value FROM district_settings WHERE key = \(bind: DistrictSetting.timeZone.rawValue)) AS time_zone,
            (SELECT name FROM services WHERE id = \(bind: referral.serviceID)) AS service_name,
            (SELECT url FROM organization_webhooks WHERE organization_id = \(bind: referral.organizationID)) AS webhook_url,
            """ + pending + " AS pending").first() else { return nil }
        var settings: [String: String] = [:]
        for (key, column) in [(OutboxWriter.enabledKey, "enabled"), (OutboxWriter.baseURLKey, "base_url"),
                              (CheckInWriter.businessDaysKey, "business_days"), (CheckInWriter.validDaysKey, "valid_days"),
                              (DistrictSetting.timeZone.rawValue, "time_zone")] {
            settings[key] = try row.decode(column: column, as: String?.self)
        }
        return EventNotices(
            settings: settings, serviceName: try row.decode(column: "service_name", as: String?.self),
            webhookURL: try row.decode(column: "webhook_url", as: String?.self),
            pendingCheckIns: try row.decode(column: "pending", as: Int.self))
    }
}
