import Foundation
import Notifications
import Referrals
import SQLKit

/// What one pass over the follow-up timers did.
public struct FollowUpNoticeRound: Sendable, Hashable {
    /// Occurrences newly claimed (each recorded once, whatever the owner's preference).
    public var noticed = 0
    /// Of those, the ones that wrote an email to the owner's outbox.
    public var emailed = 0

    public init(noticed: Int = 0, emailed: Int = 0) {
        self.noticed = noticed
        self.emailed = emailed
    }
}

extension OutboxStore {
    /// Tells each follow-up's owner once that it came due: computes what is due now with the
    /// district's `FollowUpPolicy` (the same timers as the follow-ups list), then claims each
    /// occurrence not yet recorded in its own transaction and writes the owner's outbox row there.
    ///
    /// Once, across restarts and instances: the occurrence's row in `followup_notices` is keyed by
    /// (referral, kind, day due), so a second insert does nothing and writes no message. The claim
    /// locks the referral row (`FOR UPDATE SKIP LOCKED` on PostgreSQL, skipped when another
    /// instance holds it; SQLite has one writer) at the version that was read, so a referral that
    /// moved since (the partner answered meanwhile) is left for the next pass to judge again.
    public func noticeDueFollowUps(now: Date) async throws -> FollowUpNoticeRound {
        let settings = try await OutboxWriter.settings(on: sql)
        guard settings.enabled else { return FollowUpNoticeRound() }
        let referrals = ReferralStore(database: database)
        let policy = try await referrals.followUpPolicy()
        // Only these states run a timer (FollowUpPolicy.due; a family's call for help, possible in
        // more states, is not told again: FollowUpNoticePlanner.tellsOwner).
        let timed: [ReferralState] = [.referred, .scheduled, .waitlisted]
        var open = try await sql.select().column("*").from("referrals").where("state", .in, timed.map(\.rawValue))
            .orderBy("id").all().map(ReferralStore.referral(from:))
        let events = try await referrals.events(referralIDs: open.map(\.id))
        for index in open.indices { open[index].events = events[open[index].id] ?? [] }
        let due: [(Referral, FollowUpOccurrence)] = open.compactMap { referral in
            guard let followUp = policy.due(history: referral.history, now: now), FollowUpNoticePlanner.tellsOwner(followUp.kind) else {
                return nil
            }
            return (referral, FollowUpOccurrence(referralID: referral.id, kind: followUp.kind, dueSince: followUp.dueSince))
        }
        let already = try await recordedNotices(referralIDs: due.map(\.0.id))
        var round = FollowUpNoticeRound()
        for (referral, occurrence) in due where !already.contains(occurrence) {
            switch try await claimNotice(occurrence, referral: referral, links: settings.links, now: now) {
            case .emailed: round.noticed += 1; round.emailed += 1
            case .recordedOnly: round.noticed += 1
            case .notClaimed: break
            }
        }
        return round
    }

    enum NoticeClaim { case emailed, recordedOnly, notClaimed }

    private func claimNotice(_ occurrence: FollowUpOccurrence, referral: Referral, links: NotificationLinks, now: Date) async throws -> NoticeClaim {
        let lock = database.backend == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let at = Clock.seconds(now)!
        return try await database.transaction { db in
            guard try await db.raw("""
                SELECT id FROM referrals WHERE id = \(bind: referral.id) AND version = \(bind: referral.version)\(unsafeRaw: lock)
                """).first() != nil else { return .notClaimed }
            guard try await db.raw("""
                INSERT INTO followup_notices (referral_id, kind, due_since, owner_id, created_at)
                VALUES (\(bind: occurrence.referralID), \(bind: occurrence.kind.rawValue), \(bind: occurrence.dueSince.description),
                        \(bind: referral.createdBy), \(bind: at))
                ON CONFLICT DO NOTHING RETURNING referral_id
                """).first() != nil else { return .notClaimed }
            // A disabled owner is told nothing; the occurrence stays recorded.
            guard let owner = try await Self.recipient(userID: referral.createdBy, on: db) else { return .recordedOnly }
            let service = try await db.select().column("name").from("services").where("id", .equal, referral.serviceID).first()
                .map { try $0.decode(column: "name", as: String.self) } ?? referral.serviceID
            guard let draft = FollowUpNoticePlanner(links: links).draft(for: occurrence, serviceName: service, owner: owner) else {
                return .recordedOnly
            }
            try await OutboxWriter.insert([draft], on: db, now: now)
            return .emailed
        }
    }

    /// The occurrences already recorded for these referrals.
    func recordedNotices(referralIDs: [String]) async throws -> Set<FollowUpOccurrence> {
        var found: Set<FollowUpOccurrence> = []
        for batch in referralIDs.chunked(into: DirectoryStore.batchSize) {
            for row in try await sql.select().columns("referral_id", "kind", "due_since").from("followup_notices")
                .where("referral_id", .in, Array(batch)).all() {
                if let kind = FollowUpKind(rawValue: try row.decode(column: "kind", as: String.self)),
                   let day = CalendarDate(try row.decode(column: "due_since", as: String.self)) {
                    found.insert(FollowUpOccurrence(referralID: try row.decode(column: "referral_id", as: String.self), kind: kind, dueSince: day))
                }
            }
        }
        return found
    }

    /// Follow-up occurrences recorded for a referral, oldest first (tests, the admin's view).
    public func followUpNotices(referralID: String) async throws -> [FollowUpOccurrence] {
        try await recordedNotices(referralIDs: [referralID]).sorted { ($0.dueSince, $0.kind.rawValue) < ($1.dueSince, $1.kind.rawValue) }
    }

    /// An active user as a recipient; nil when disabled or unknown.
    static func recipient(userID: String, on db: any SQLDatabase) async throws -> NotificationRecipient? {
        try await db.select().columns("id", "email", "notification_preference", "language").from("users")
            .where("id", .equal, userID).where("disabled_at", .is, SQLLiteral.null).first()
            .map { row in
                NotificationRecipient(
                    userID: try row.decode(column: "id", as: String.self), email: try row.decode(column: "email", as: String.self),
                    preference: NotificationPreference(rawValue: try row.decode(column: "notification_preference", as: String.self)) ?? .immediately,
                    language: try row.decode(column: "language", as: String?.self))
            }
    }
}
