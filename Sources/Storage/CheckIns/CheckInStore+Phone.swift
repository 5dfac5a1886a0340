import Directory
import Foundation
import Notifications
import Referrals
import SQLKit

/// A check-in due for a family whose consent shares only a phone. No SMS gateway sends the text
/// (its outbox row waits, unsent), so the coordinator asks the question by phone and records the
/// family's answer (`CheckInStore.answerByPhone`).
public struct PhoneCheckIn: Sendable, Hashable {
    public var referralID: String
    public var purpose: CheckInPurpose
    /// The number the consent shares.
    public var phone: String
    /// The family's language: the question is asked in it.
    public var language: LanguageCode
    public var serviceName: String
    public var dueAt: Date
    public var expiresAt: Date
}

extension CheckInStore {
    /// The phone check-ins due now and not yet answered, expired or sent: of one referral, or of
    /// every referral when `referralIDs` is nil. Oldest due first.
    public func phoneCheckInsDue(referralIDs: [String]? = nil, now: Date) async throws -> [PhoneCheckIn] {
        if let referralIDs, referralIDs.isEmpty { return [] }
        var query: SQLQueryString = """
            SELECT t.referral_id, t.purpose, t.language, t.expires_at, m.recipient, m.next_attempt_at, s.name \(Self.phoneCheckInsDueNow(now))
            """
        if let referralIDs {
            query.appendInterpolation(unsafeRaw: " AND t.referral_id IN (")
            for (position, id) in referralIDs.enumerated() {
                if position > 0 { query.appendInterpolation(unsafeRaw: ", ") }
                query.appendInterpolation(bind: id)
            }
            query.appendInterpolation(unsafeRaw: ")")
        }
        query.appendInterpolation(unsafeRaw: " ORDER BY m.next_attempt_at, t.referral_id")
        return try await sql.raw(query).all().compactMap { row in
            guard let purpose = CheckInPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) else { return nil }
            return PhoneCheckIn(
                referralID: try row.decode(column: "referral_id", as: String.self), purpose: purpose,
                phone: try row.decode(column: "recipient", as: String.self),
                language: LanguageCode(rawValue: try row.decode(column: "language", as: String.self)) ?? .english,
                serviceName: try row.decode(column: "name", as: String.self),
                dueAt: Clock.date(try row.decode(column: "next_attempt_at", as: Int.self))!,
                expiresAt: Clock.date(try row.decode(column: "expires_at", as: Int.self))!)
        }
    }

    /// The one rule for "a phone check-in is due now", as the `FROM … WHERE …` both the list
    /// (`phoneCheckInsDue`) and the answer (`answerByPhone`) read, so what the coordinator is asked
    /// to call about is exactly what can be answered: a text-message check-in whose message is
    /// still pending and never tried (no gateway sent it), not used, due, and not expired. Columns:
    /// `t` the token, `m` its outbox row, `s` the referral's service.
    static func phoneCheckInsDueNow(_ now: Date) -> SQLQueryString {
        let seconds = Clock.seconds(now)!
        return """
            FROM check_in_tokens t JOIN outbox_messages m ON m.delivery_id = t.delivery_id
            JOIN referrals r ON r.id = t.referral_id JOIN services s ON s.id = r.service_id
            WHERE t.channel = \(bind: NotificationChannel.sms.rawValue) AND m.status = \(bind: OutboxStatus.pending.rawValue)
            AND m.attempts = 0 AND t.used_at IS NULL AND m.next_attempt_at <= \(bind: seconds) AND t.expires_at > \(bind: seconds)
            """
    }

    /// Records the answer the family gave on the phone to the referral's due phone check-in, with the
    /// link's effects (`record`): the check-in is used, its unsent text is withdrawn (kept, never sent), and the
    /// audit names the coordinator who called. Refused `.expired` when none is due (answered,
    /// expired, or sent meanwhile).
    public func answerByPhone(
        referralID: String, answer: FamilyAnswer, by caller: User, machine: ReferralMachine, now: Date
    ) async throws -> CheckInResult {
        try await database.transaction { db in
            let seconds = Clock.seconds(now)!
            // The same rule as the list the coordinator saw (`phoneCheckInsDueNow`), narrowed to this referral.
            guard let row = try await db.raw("""
                SELECT t.nonce, t.purpose, t.language, t.expires_at, t.delivery_id, s.name \(Self.phoneCheckInsDueNow(now))
                AND t.referral_id = \(bind: referralID) ORDER BY m.next_attempt_at
                """).first() else { throw CheckInRefusal.expired }
            let nonce = try row.decode(column: "nonce", as: String.self)
            // The one answer that counts, as on the link: a second caller finds it used.
            let won = try await db.update("check_in_tokens").set("used_at", to: seconds).set("answer", to: answer.rawValue)
                .where("nonce", .equal, nonce).where(SQLIdentifier("used_at"), .is, SQLLiteral.null).returning("nonce").all()
            guard !won.isEmpty else { throw CheckInRefusal.used }
            // Asked already: the text must not go out if a gateway is added later. The row is kept,
            // withdrawn (no worker claims it; `/admin/outbox` counts it), so the outbox still shows
            // the message the family was due and what became of it.
            try await db.update("outbox_messages").set("status", to: OutboxStatus.withdrawn.rawValue)
                .where("delivery_id", .equal, try row.decode(column: "delivery_id", as: String.self))
                .where("status", .equal, OutboxStatus.pending.rawValue).where("attempts", .equal, 0).run()
            guard var referral = try await ReferralStore.referralRow(id: referralID, on: db) else { throw CheckInRefusal.tampered }
            let purpose = CheckInPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .afterReferred
            let confirmed = try await Self.record(answer, on: &referral, family: Self.family(nonce), machine: machine, on: db, now: now)
            try await ReferralStore.audit(on: db, at: now, actor: caller, action: "checkin.answer_by_phone", referralID: referralID,
                                          organizationID: referral.organizationID,
                                          detail: "\(purpose.rawValue): \(answer.rawValue), asked by phone\(confirmed ? "; family-confirmed connection" : "")")
            let prompt = CheckInPrompt(
                referralID: referralID, purpose: purpose, serviceName: try row.decode(column: "name", as: String.self),
                language: LanguageCode(rawValue: try row.decode(column: "language", as: String.self)) ?? .english,
                expiresAt: Clock.date(try row.decode(column: "expires_at", as: Int.self))!)
            return CheckInResult(prompt: prompt, answer: answer, confirmedConnection: confirmed)
        }
    }
}
