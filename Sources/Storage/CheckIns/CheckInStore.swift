import Directory
import Foundation
import Notifications
import Referrals
import SQLKit

/// Why a check-in link is refused, each with the status its page answers.
public enum CheckInRefusal: Error, Sendable, Hashable {
    /// Not a token (cut off, mangled): 400.
    case malformed
    /// The signature does not hold, or no such link was ever sent: 403.
    case tampered
    /// Past its expiry (or withdrawn because the referral moved on): 410.
    case expired
    /// Already answered: 410.
    case used
}

/// What the check-in page shows for a valid link: the service's name and nothing about the student.
public struct CheckInPrompt: Sendable, Hashable {
    public var referralID: String
    public var purpose: CheckInPurpose
    public var serviceName: String
    public var language: LanguageCode
    public var expiresAt: Date
}

/// What an answer did.
public struct CheckInResult: Sendable, Hashable {
    public var prompt: CheckInPrompt
    public var answer: FamilyAnswer
    /// The answer counted as a family-confirmed connection (the partner had not confirmed one).
    public var confirmedConnection: Bool
}

/// Check-in links: reading one (the page) and answering it once. Every use, refused ones
/// included, leaves an audit line (actor `family`, role `family`).
public struct CheckInStore: Sendable {
    public let database: Database
    var sql: any SQLDatabase { database.sql }

    public init(database: Database) {
        self.database = database
    }

    /// The family, as the audit log and the events name it.
    static func family(_ nonce: String?) -> User {
        User(id: "family" + (nonce.map { ":" + $0.prefix(8) } ?? ""), email: "", role: .family)
    }

    /// Stores the configured secret (`CLOSELOOP_CHECKIN_SECRET`), replacing a generated one. Links
    /// sent under the old secret stop verifying.
    public func setSecret(_ secret: String) async throws {
        try await database.transaction { db in
            try await db.delete(from: "district_settings").where("key", .equal, CheckInWriter.secretKey).run()
            try await db.insert(into: "district_settings").columns("key", "value")
                .values(SQLBind(CheckInWriter.secretKey), SQLBind(secret)).run()
        }
    }

    /// The secret links are signed with now (made on first use).
    public func secret() async throws -> String {
        try await database.transaction { db in try await CheckInWriter.secret(on: db) }
    }

    /// The business days after "referred" and "scheduled" before a check-in goes (district setting
    /// `checkin.business_days`, default 3) and how many days a link is valid (`checkin.valid_days`, 14).
    public func setSchedule(businessDays: Int? = nil, validDays: Int? = nil) async throws {
        try await database.transaction { db in
            for (key, value) in [(CheckInWriter.businessDaysKey, businessDays), (CheckInWriter.validDaysKey, validDays)] {
                guard let value else { continue }
                try await db.delete(from: "district_settings").where("key", .equal, key).run()
                try await db.insert(into: "district_settings").columns("key", "value").values(SQLBind(key), SQLBind(String(value))).run()
            }
        }
    }

    /// The link's prompt, or why it is refused. Opening is audited (`checkin.open`), and so is a refusal.
    public func open(token: String, now: Date) async throws -> CheckInPrompt {
        let outcome: Result<CheckInPrompt, CheckInRefusal> = try await database.transaction { db in
            do {
                let (claims, row) = try await Self.judge(token: token, on: db, now: now)
                let prompt = try await Self.prompt(claims, row: row, on: db)
                try await ReferralStore.audit(on: db, at: now, actor: Self.family(claims.nonce), action: "checkin.open",
                                              referralID: claims.referralID, detail: claims.purpose.rawValue)
                return .success(prompt)
            } catch let refusal as CheckInRefusal {
                return .failure(refusal)
            }
        }
        switch outcome {
        case .success(let prompt): return prompt
        case .failure(let refusal):
            try await auditRefusal(refusal, token: token, use: "open", now: now)
            throw refusal
        }
    }

    /// Answers the link once: marks it used, records `family_reported` with the answer, and for
    /// "we started" on a referral no one has confirmed yet, a family-confirmed connection (its
    /// first service day is the day of the answer, the latest it can be). "We need help" becomes a
    /// follow-up for the coordinator (`FollowUpPolicy`) and a message to them. All in one transaction, audited.
    public func answer(token: String, answer: FamilyAnswer, machine: ReferralMachine, now: Date) async throws -> CheckInResult {
        let outcome: Result<CheckInResult, CheckInRefusal> = try await database.transaction { db in
            let judged: (CheckInClaims, any SQLRow)
            do {
                judged = try await Self.judge(token: token, on: db, now: now)
            } catch let refusal as CheckInRefusal {
                return .failure(refusal)
            }
            let (claims, row) = judged
            let prompt: CheckInPrompt
            do {
                prompt = try await Self.prompt(claims, row: row, on: db)
            } catch let refusal as CheckInRefusal {
                return .failure(refusal)
            }
            // The one answer that counts: a second one (another tab, a replay) finds it used.
            let won = try await db.update("check_in_tokens").set("used_at", to: Clock.seconds(now)!).set("answer", to: answer.rawValue)
                .where("nonce", .equal, claims.nonce).where(SQLIdentifier("used_at"), .is, SQLLiteral.null).returning("nonce").all()
            guard !won.isEmpty else { return .failure(.used) }
            guard var referral = try await ReferralStore.referralRow(id: claims.referralID, on: db) else { return .failure(.tampered) }
            let family = Self.family(claims.nonce)
            let confirmed = try await Self.record(answer, on: &referral, family: family, machine: machine, on: db, now: now)
            try await ReferralStore.audit(on: db, at: now, actor: family, action: "checkin.answer", referralID: claims.referralID,
                                          organizationID: referral.organizationID,
                                          detail: "\(claims.purpose.rawValue): \(answer.rawValue)\(confirmed ? "; family-confirmed connection" : "")")
            return .success(CheckInResult(prompt: prompt, answer: answer, confirmedConnection: confirmed))
        }
        switch outcome {
        case .success(let result): return result
        case .failure(let refusal):
            // Audited outside the rolled-back work: a refusal is a use too.
            try await auditRefusal(refusal, token: token, use: "answer", now: now)
            throw refusal
        }
    }

    /// What an answer does, however it came (the link, or the coordinator's phone call): records
    /// `family_reported` with the answer, and for "we started" on a referral no one has confirmed
    /// yet a family-confirmed connection (its first service day is the day of the answer). Whether
    /// it counted as a connection.
    static func record(
        _ answer: FamilyAnswer, on referral: inout Referral, family: User, machine: ReferralMachine, on db: any SQLDatabase, now: Date
    ) async throws -> Bool {
        let at = ReferralStore.whole(now)
        guard TransitionTable.allowedActions(from: referral.state, role: .family).contains(.familyReport) else { return false }
        let report = try machine.decide(ReferralCommand(.familyReport, familyAnswer: answer), history: referral.history,
                                        role: .family, actorID: family.id, consentCoversOrganization: true, now: at)
        try await ReferralStore.append(report, to: &referral, on: db, now: now, actor: family)
        guard answer == .started, TransitionTable.allowedActions(from: referral.state, role: .family).contains(.familyConfirmConnection) else {
            return false
        }
        let today = CalendarDate(at, in: machine.timeZone)
        let confirm = try machine.decide(
            ReferralCommand(.familyConfirmConnection, firstServiceDate: today, confirmedBy: .family), history: referral.history,
            role: .family, actorID: family.id, consentCoversOrganization: true, now: at)
        try await ReferralStore.append(confirm, to: &referral, on: db, now: now, actor: family)
        return true
    }

    /// Verifies signature, token row, use and expiry, in that order. Refusals are audited by the
    /// caller after its transaction (which a refusal rolls back).
    static func judge(token: String, on db: any SQLDatabase, now: Date) async throws -> (CheckInClaims, any SQLRow) {
        do {
            let secret = try await CheckInWriter.secret(on: db)
            let claims: CheckInClaims
            do throws(CheckInTokenError) {
                claims = try CheckInLink.verify(token, secret: secret)
            } catch {
                throw error == .malformed ? CheckInRefusal.malformed : CheckInRefusal.tampered
            }
            guard let row = try await db.select().column("*").from("check_in_tokens").where("nonce", .equal, claims.nonce).first(),
                  try row.decode(column: "referral_id", as: String.self) == claims.referralID,
                  try row.decode(column: "purpose", as: String.self) == claims.purpose.rawValue else {
                throw CheckInRefusal.tampered
            }
            if try row.decode(column: "used_at", as: Int?.self) != nil { throw CheckInRefusal.used }
            let storedExpiry = Clock.date(try row.decode(column: "expires_at", as: Int.self))!
            if now >= min(storedExpiry, claims.expiresAt) { throw CheckInRefusal.expired }
            return (claims, row)
        }
    }

    func auditRefusal(_ refusal: CheckInRefusal, token: String, use: String, now: Date) async throws {
        try await database.transaction { db in try await Self.audit(refusal, token: token, use: use, on: db, now: now) }
    }

    /// The referral named only when the signature held (a tampered token names nothing trustworthy).
    static func audit(_ refusal: CheckInRefusal, token: String, use: String, on db: any SQLDatabase, now: Date) async throws {
        let claims = try? CheckInLink.verify(token, secret: try await CheckInWriter.secret(on: db))
        try await ReferralStore.audit(on: db, at: now, actor: family(claims?.nonce), action: "checkin.refused",
                                      referralID: claims?.referralID, detail: "\(use): \(refusal)")
    }

    static func prompt(_ claims: CheckInClaims, row: any SQLRow, on db: any SQLDatabase) async throws -> CheckInPrompt {
        let service = try await db.raw("""
            SELECT s.name FROM referrals r JOIN services s ON s.id = r.service_id WHERE r.id = \(bind: claims.referralID)
            """).first().map { try $0.decode(column: "name", as: String.self) }
        guard let service else { throw CheckInRefusal.tampered }
        return CheckInPrompt(
            referralID: claims.referralID, purpose: claims.purpose, serviceName: service,
            language: LanguageCode(rawValue: try row.decode(column: "language", as: String.self)) ?? LanguageCode(rawValue: "en")!,
            expiresAt: claims.expiresAt)
    }

    /// The token rows of a referral (tests and the admin's view), oldest first.
    public func tokens(referralID: String) async throws -> [(purpose: CheckInPurpose, usedAt: Date?, answer: FamilyAnswer?, expiresAt: Date)] {
        try await sql.select().column("*").from("check_in_tokens").where("referral_id", .equal, referralID).orderBy("created_at").all().map { row in
            (CheckInPurpose(rawValue: try row.decode(column: "purpose", as: String.self)) ?? .afterReferred,
             Clock.date(try row.decode(column: "used_at", as: Int?.self)),
             try row.decode(column: "answer", as: String?.self).flatMap(FamilyAnswer.init(rawValue:)),
             Clock.date(try row.decode(column: "expires_at", as: Int.self))!)
        }
    }
}

extension ReferralStore {
    /// A referral and its events, on a transaction, without access checks (the check-in link is the key).
    static func referralRow(id: String, on db: any SQLDatabase) async throws -> Referral? {
        guard let row = try await db.select().column("*").from("referrals").where("id", .equal, id).first() else { return nil }
        var found = try Self.referral(from: row)
        found.events = try await db.select().column("*").from("referral_events").where("referral_id", .equal, id)
            .orderBy("sequence").all().map(Self.event(from:))
        return found
    }
}
