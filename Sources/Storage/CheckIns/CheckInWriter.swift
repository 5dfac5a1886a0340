import Directory
import Foundation
import Notifications
import Referrals
import SQLKit

/// The one place referral events become family check-ins: `ReferralStore.append` calls it on the
/// event's own transaction. An event that starts a check-in (`CheckInPlanner.purpose`) writes a
/// token row and an outbox row held until the check-in is due; an event that leaves the states a
/// planned check-in is for cancels the ones not yet sent, so a family is not asked about a
/// referral that was cancelled or already connected.
enum CheckInWriter {
    static let eventKind = OutboxEventKind.familyCheckIn.rawValue
    static let secretKey = "checkin.secret"
    static let businessDaysKey = "checkin.business_days"
    static let validDaysKey = "checkin.valid_days"

    static func onEvent(_ event: ReferralEvent, referral: Referral, notices: EventNotices, on db: any SQLDatabase, now: Date) async throws {
        // A check-in can wait only if an earlier event of this referral started one (this writer is
        // the only one that makes them); the pending ones are counted in the event's one read.
        if notices.pendingCheckIns > 0 && mayHaveUnwantedCheckIns(referral, after: event) {
            try await cancelUnwanted(referralID: referral.id, state: event.to, on: db, now: now)
        }
        guard CheckInPlanner.purpose(of: event) != nil, notices.enabled else { return }
        let settings = notices.settings
        let schedule = self.schedule(settings)
        let consents = try await db.select().column("*").from("consents").where("student_id", .equal, referral.studentID)
            .orderBy("created_at").all().map(ReferralStore.storedConsent(from:)).map(\.consent)
        let contact = PartnerView.covering(consents, organizationID: referral.organizationID, on: now, in: schedule.timeZone)?
            .sharedFamilyContact
        guard contact != nil else { return }
        let serviceName = notices.serviceName ?? referral.serviceID
        let planner = CheckInPlanner(schedule: schedule, baseURL: settings[OutboxWriter.baseURLKey] ?? OutboxWriter.defaultBaseURL,
                                     secret: try await secret(on: db))
        guard let draft = planner.draft(for: event, referralID: referral.id, serviceName: serviceName, contact: contact) else { return }
        // One check-in per referral and purpose, even if two instances raced (the unique key).
        let exists = try await db.select().column("nonce").from("check_in_tokens")
            .where("referral_id", .equal, referral.id).where("purpose", .equal, draft.claims.purpose.rawValue).first()
        guard exists == nil else { return }
        // A newer check-in replaces an older one still waiting.
        try await cancelPending(referralID: referral.id, on: db, now: now)
        let deliveryID = UUID().uuidString.lowercased()
        try await db.insert(into: "check_in_tokens")
            .columns("nonce", "referral_id", "purpose", "channel", "language", "expires_at", "created_at", "delivery_id")
            .values(SQLBind(draft.claims.nonce), SQLBind(referral.id), SQLBind(draft.claims.purpose.rawValue), SQLBind(draft.channel.rawValue),
                    SQLBind(draft.language.rawValue), SQLBind(Clock.seconds(draft.claims.expiresAt)!), SQLBind(Clock.seconds(now)!),
                    SQLBind(deliveryID))
            .run()
        try await db.insert(into: "outbox_messages")
            .columns("delivery_id", "channel", "recipient", "event_kind", "referral_id", "subject", "body", "status", "attempts",
                     "next_attempt_at", "created_at")
            .values(SQLBind(deliveryID), SQLBind(draft.channel.rawValue), SQLBind(draft.recipient), SQLBind(eventKind), SQLBind(referral.id),
                    SQLBind(draft.subject), SQLBind(draft.body), SQLBind(OutboxStatus.pending.rawValue), SQLBind(0),
                    SQLBind(Clock.seconds(draft.dueAt)!), SQLBind(Clock.seconds(now)!))
            .run()
    }

    /// Whether an earlier event of the referral (`referral.events`, its whole history) started a
    /// check-in whose purpose `event`'s new state no longer serves: only then can one be waiting
    /// that must be cancelled.
    static func mayHaveUnwantedCheckIns(_ referral: Referral, after event: ReferralEvent) -> Bool {
        referral.events.contains { CheckInPlanner.purpose(of: $0).map { !CheckInPlanner.stillWanted($0, in: event.to) } ?? false }
    }

    /// Check-ins of this referral not yet sent whose purpose the new state no longer serves.
    static func cancelUnwanted(referralID: String, state: ReferralState, on db: any SQLDatabase, now: Date) async throws {
        let waiting = try await pendingTokens(referralID: referralID, on: db)
        let unwanted = waiting.filter { !CheckInPlanner.stillWanted($0.purpose, in: state) }
        try await cancel(unwanted, on: db, now: now)
    }

    /// Every check-in of the referral not yet sent (a consent revoked, a newer check-in).
    static func cancelPending(referralID: String, on db: any SQLDatabase, now: Date) async throws {
        try await cancel(try await pendingTokens(referralID: referralID, on: db), on: db, now: now)
    }

    /// The referral's check-ins whose message is not yet sent: `FROM` and `WHERE` over `t` (the
    /// token) and `m` (its outbox row), shared by the list below and `EventNotices`' count.
    static func pendingCheckIns(referralID: String) -> SQLQueryString {
        """
        FROM check_in_tokens t JOIN outbox_messages m ON m.delivery_id = t.delivery_id
        WHERE t.referral_id = \(bind: referralID) AND m.status = \(bind: OutboxStatus.pending.rawValue) AND m.attempts = 0 AND t.used_at IS NULL
        """
    }

    private static func pendingTokens(referralID: String, on db: any SQLDatabase) async throws -> [(nonce: String, purpose: CheckInPurpose, deliveryID: String)] {
        try await db.raw("SELECT t.nonce, t.purpose, t.delivery_id " + pendingCheckIns(referralID: referralID)).all().compactMap { row in
            guard let purpose = CheckInPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) else { return nil }
            return (try row.decode(column: "nonce", as: String.self), purpose, try row.decode(column: "delivery_id", as: String.self))
        }
    }

    /// The message is removed before anyone got it, and its link expires at once.
    private static func cancel(_ tokens: [(nonce: String, purpose: CheckInPurpose, deliveryID: String)], on db: any SQLDatabase, now: Date) async throws {
        for token in tokens {
            try await db.delete(from: "outbox_messages").where("delivery_id", .equal, token.deliveryID)
                .where("status", .equal, OutboxStatus.pending.rawValue).where("attempts", .equal, 0).run()
            try await db.update("check_in_tokens").set("expires_at", to: Clock.seconds(now)!).where("nonce", .equal, token.nonce).run()
        }
    }

    static func schedule(_ settings: [String: String]) -> CheckInSchedule {
        var schedule = CheckInSchedule()
        if let days = settings[businessDaysKey].flatMap(Int.init), days >= 0 { schedule.businessDays = days }
        if let days = settings[validDaysKey].flatMap(Int.init), days > 0 { schedule.validDays = days }
        if let zone = settings[DistrictSetting.timeZone.rawValue].flatMap(TimeZone.init(identifier:)) { schedule.timeZone = zone }
        return schedule
    }

    /// The secret check-in links are signed with: the one configured (`closeloop serve` stores
    /// `CLOSELOOP_CHECKIN_SECRET` at start), else 256 random bits made on first use and kept, so
    /// every instance and every restart verifies the links already sent.
    static func secret(on db: any SQLDatabase) async throws -> String {
        if let stored = try await storedSecret(on: db) { return stored }
        var generator = SystemRandomNumberGenerator()
        let fresh = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
        try await db.raw("INSERT INTO district_settings (key, value) VALUES (\(bind: secretKey), \(bind: fresh)) ON CONFLICT (key) DO NOTHING").run()
        guard let stored = try await storedSecret(on: db) else { throw StoreError.integrity("the check-in secret could not be stored") }
        return stored
    }

    static func storedSecret(on db: any SQLDatabase) async throws -> String? {
        try await db.select().column("value").from("district_settings").where("key", .equal, secretKey).first()
            .map { try $0.decode(column: "value", as: String.self) }
    }
}
