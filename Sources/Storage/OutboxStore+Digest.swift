import Foundation
import Notifications
import Referrals
import SQLKit

/// What one pass over the daily digests did.
public struct DigestRound: Sendable, Hashable {
    /// Digests claimed for the day (one per reader and day, sent or not).
    public var claimed = 0
    /// Of those, the ones with something to tell, written to the outbox.
    public var written = 0

    public init(claimed: Int = 0, written: Int = 0) {
        self.claimed = claimed
        self.written = written
    }
}

extension OutboxStore {
    /// The district setting for the digest's hour (0…23 in the district's time zone; default 7).
    static let digestHourKey = "notifications.digest_hour"

    /// Sets the hour digests go out at, in the district's time zone.
    public func setDigestHour(_ hour: Int) async throws {
        precondition((0...23).contains(hour), "the caller checks the hour (NotificationSettings)")
        try await database.transaction { db in
            try await db.delete(from: "district_settings").where("key", .equal, Self.digestHourKey).run()
            try await db.insert(into: "district_settings").columns("key", "value").values(SQLBind(Self.digestHourKey), SQLBind(String(hour))).run()
        }
    }

    /// When digests go out: the district's hour in the district's time zone.
    public func digestSchedule() async throws -> DigestSchedule {
        let hour = try await sql.select().column("value").from("district_settings").where("key", .equal, Self.digestHourKey).first()
            .flatMap { Int(try $0.decode(column: "value", as: String.self)) } ?? DigestSchedule.defaultHour
        return DigestSchedule(hour: hour, timeZone: try await ReferralStore(database: database).followUpPolicy().timeZone)
    }

    /// Writes today's digest for every `daily_digest` reader who has none yet, once the district's
    /// hour has come. Each reader's day is claimed in its own transaction: the user's row is locked
    /// (`FOR UPDATE SKIP LOCKED` on PostgreSQL) and a `notification_digests` row keyed by (user, day)
    /// is inserted; a second instance, or a restart, finds it and writes nothing. The digest covers
    /// what happened after the reader's previous digest (the first one: the last 24 hours) up to
    /// now; with nothing in it the day is still claimed and no email is written.
    public func writeDueDigests(now: Date) async throws -> DigestRound {
        let settings = try await OutboxWriter.settings(on: sql)
        guard settings.enabled, let day = try await digestSchedule().dueDay(at: now) else { return DigestRound() }
        let readers = try await sql.raw("""
            SELECT id FROM users u WHERE notification_preference = \(bind: NotificationPreference.dailyDigest.rawValue)
                AND disabled_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM notification_digests d WHERE d.user_id = u.id AND d.day = \(bind: day.description))
            ORDER BY id
            """).all().map { try $0.decode(column: "id", as: String.self) }
        var round = DigestRound()
        for reader in readers {
            guard let written = try await claimDigest(userID: reader, day: day, links: settings.links, now: now) else { continue }
            round.claimed += 1
            if written { round.written += 1 }
        }
        return round
    }

    /// nil when not claimed (another instance has it, or the day is taken); else whether an email went.
    private func claimDigest(userID: String, day: CalendarDate, links: NotificationLinks, now: Date) async throws -> Bool? {
        let lock = database.backend == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let until = Clock.seconds(now)!
        return try await database.transaction { db in
            guard let user = try await db.raw("""
                SELECT id, email, role, organization_id, language FROM users WHERE id = \(bind: userID)
                    AND notification_preference = \(bind: NotificationPreference.dailyDigest.rawValue) AND disabled_at IS NULL\(unsafeRaw: lock)
                """).first() else { return nil }
            let previous = try await db.raw("SELECT MAX(until_at) AS until_at FROM notification_digests WHERE user_id = \(bind: userID)")
                .first()?.decode(column: "until_at", as: Int?.self)
            let since = min(previous ?? until - 86_400, until)
            guard try await db.raw("""
                INSERT INTO notification_digests (user_id, day, since_at, until_at, items)
                VALUES (\(bind: userID), \(bind: day.description), \(bind: since), \(bind: until), 0)
                ON CONFLICT DO NOTHING RETURNING user_id
                """).first() != nil else { return nil }
            let role = Role(rawValue: try user.decode(column: "role", as: String.self))
            let organization = try user.decode(column: "organization_id", as: String?.self)
            let items = try await Self.digestItems(userID: userID, partnerOf: role == .partner ? organization : nil,
                                                   after: since, through: until, on: db)
            try await db.update("notification_digests").set("items", to: items.count)
                .where("user_id", .equal, userID).where("day", .equal, day.description).run()
            let reader = NotificationRecipient(
                userID: userID, email: try user.decode(column: "email", as: String.self), preference: .dailyDigest,
                language: try user.decode(column: "language", as: String?.self))
            guard let draft = DigestPlanner(links: links).draft(for: reader, day: day, items: items) else { return false }
            try await OutboxWriter.insert([draft], on: db, now: now)
            return true
        }
    }

    /// What the reader would have been emailed about at once in (after, through]: the same audiences
    /// as `OutboxWriter` (new referrals to a partner's organization; partner answers and the
    /// family's reports to the coordinator who made the referral; never one's own action), and
    /// follow-ups due for them.
    static func digestItems(userID: String, partnerOf organization: String?, after: Int, through: Int,
                            on db: any SQLDatabase) async throws -> [DigestItem] {
        var items: [DigestItem] = []
        func add(_ rows: [any SQLRow], audience: NotificationAudienceKind) throws {
            for row in rows {
                let event = try ReferralStore.event(from: row)
                if let kind = NotificationEvent(event), kind.audience == audience, event.actorID != userID {
                    items.append(DigestItem(event: kind, referralID: try row.decode(column: "referral_id", as: String.self)))
                }
            }
        }
        if let organization {
            try add(try await db.raw("""
                SELECT e.* FROM referral_events e JOIN referrals r ON r.id = e.referral_id
                WHERE r.organization_id = \(bind: organization) AND e.action = \(bind: ReferralAction.send.rawValue)
                    AND e.at > \(bind: after) AND e.at <= \(bind: through)
                ORDER BY e.at, e.referral_id, e.sequence
                """).all(), audience: .partnerOrganization)
        }
        // Every event on the reader's referrals; `NotificationEvent` and its audience pick the ones
        // the coordinator hears of (partner answers, a family's connection or call for help).
        try add(try await db.raw("""
            SELECT e.* FROM referral_events e JOIN referrals r ON r.id = e.referral_id
            WHERE r.created_by = \(bind: userID) AND e.at > \(bind: after) AND e.at <= \(bind: through)
            ORDER BY e.at, e.referral_id, e.sequence
            """).all(), audience: .coordinator)
        for row in try await db.raw("""
            SELECT referral_id FROM followup_notices WHERE owner_id = \(bind: userID) AND created_at > \(bind: after) AND created_at <= \(bind: through)
            ORDER BY created_at, referral_id
            """).all() {
            items.append(DigestItem(event: .followUpDue, referralID: try row.decode(column: "referral_id", as: String.self)))
        }
        return items
    }

    /// The digests claimed for a user, oldest first: (day, items counted).
    public func digests(userID: String) async throws -> [(day: String, items: Int)] {
        try await sql.select().columns("day", "items").from("notification_digests").where("user_id", .equal, userID).orderBy("day").all()
            .map { (try $0.decode(column: "day", as: String.self), try $0.decode(column: "items", as: Int.self)) }
    }
}
