import Crypto
import Foundation
import Logging
import Referrals
import SQLKit

/// Who reads what: the partner's reduced view of referrals (consent in force, pseudonym), the
/// district's refusal, revoking a consent, and the security events of cross-tenant probes.
extension ReferralStore {
    // MARK: pseudonyms

    /// Where the installation's pseudonym key is kept (beside the district's settings, which ignore
    /// keys they do not know).
    static let pseudonymKeySetting = "privacy.pseudonym_key"

    /// The secret student pseudonyms are made with: 256 random bits made on first use and kept in
    /// the store, so every server instance on one database names a student alike and a restart
    /// changes nothing. It never leaves the server.
    func pseudonymKey() async throws -> SymmetricKey {
        if let key = try await storedPseudonymKey() { return key }
        let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        // In a write transaction (SQLite queues writers there instead of failing "database is
        // locked" when fifty first requests arrive at once); two instances starting together: the
        // first insert wins and both read it back.
        try await database.transaction { db in
            try await db.raw("INSERT INTO district_settings (key, value) VALUES (\(bind: Self.pseudonymKeySetting), \(bind: fresh)) ON CONFLICT (key) DO NOTHING").run()
        }
        guard let key = try await storedPseudonymKey() else { throw StoreError.integrity("the pseudonym key could not be stored") }
        return key
    }

    private func storedPseudonymKey() async throws -> SymmetricKey? {
        // Once stored the key is never replaced, so it is read from the store once per process.
        if let remembered = database.pseudonymKey.value { return SymmetricKey(data: remembered) }
        guard let text = try await sql.select().column("value").from("district_settings")
            .where("key", .equal, Self.pseudonymKeySetting).first().map({ try $0.decode(column: "value", as: String.self) }),
              let bytes = Data(base64Encoded: text), bytes.count == 32 else { return nil }
        database.pseudonymKey.remember(Array(bytes))
        return SymmetricKey(data: bytes)
    }

    /// The student as `organizationID` knows them: HMAC-SHA256(key, organization id, student id),
    /// 128 bits in hex. Stable, different for every organization (two partners cannot join their
    /// records on it) and not reversible without the key.
    static func pseudonym(ofStudent studentID: String, forOrganization organizationID: String, key: SymmetricKey) -> String {
        // The unit separator keeps ("ab", "c") and ("a", "bc") apart.
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(organizationID)\u{1F}\(studentID)".utf8), using: key)
        return "pst_" + Array(mac).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// The pseudonym of a student at one organization.
    public func pseudonym(ofStudent studentID: String, forOrganization organizationID: String) async throws -> String {
        Self.pseudonym(ofStudent: studentID, forOrganization: organizationID, key: try await pseudonymKey())
    }

    // MARK: views

    /// How `user` sees `referral` now: whole for school staff and admins; for a partner through the
    /// consent in force for the referral's organization and the student's pseudonym there.
    public func lens(for referral: Referral, user: User, now: Date) async throws -> ReferralLens {
        try await lenses(for: [referral], user: user, now: now)[referral.id] ?? .partner(consent: nil, pseudonym: "")
    }

    /// The lens for the referral `id` before it is changed (the reply to a partner's action is
    /// encoded from it); a referral that does not exist gets a lens that shows nothing.
    public func lens(forReferral id: String, user: User, now: Date) async throws -> ReferralLens {
        guard !AccessPolicy(user).readsStudentsInFull else { return .whole }
        // The lens needs the referral's student and organization only, not its events (this runs
        // before every partner's action).
        guard let row = try await sql.select().columns("student_id", "organization_id").from("referrals")
            .where("id", .equal, id).first() else { return .partner(consent: nil, pseudonym: "") }
        let subject = LensSubject(
            id: id, studentID: try row.decode(column: "student_id", as: String.self),
            organizationID: try row.decode(column: "organization_id", as: String.self))
        return try await partnerLenses(for: [subject], now: now)[id] ?? .partner(consent: nil, pseudonym: "")
    }

    /// The lens for the referral `id` before it is changed and the contact of whoever made it: what
    /// the reply to an action on it is encoded with. One read of the referral's row serves both
    /// (they run before every action); a referral that does not exist gets a lens that shows
    /// nothing to a partner, and no contact.
    public func replyLens(forReferral id: String, user: User, now: Date) async throws -> (lens: ReferralLens, coordinator: CoordinatorContact?) {
        let whole = AccessPolicy(user).readsStudentsInFull
        // One statement (the cost of a transition follows its number of statements, see
        // docs/PERFORMANCE.md "Transition statements"): the referral's row with its maker's contact
        // and, for a partner, the student's consents joined, one row per consent (one row of NULLs
        // for none), oldest first as `consents(studentIDs:)` gives them.
        let consents: SQLQueryString = whole ? "" : ", c.*"
        let joinConsents: SQLQueryString = whole ? "" : " LEFT JOIN consents c ON c.student_id = r.student_id"
        let order: SQLQueryString = whole ? "" : " ORDER BY c.created_at, c.id"
        let rows = try await sql.raw("""
            SELECT r.student_id AS referral_student_id, r.organization_id AS referral_organization_id,
            r.created_by AS referral_created_by, u.email AS coordinator_email, u.display_name AS coordinator_display_name,
            u.phone AS coordinator_phone\(consents)
            FROM referrals r LEFT JOIN users u ON u.id = r.created_by\(joinConsents)
            WHERE r.id = \(bind: id)\(order)
            """).all()
        guard let row = rows.first else { return (whole ? .whole : .partner(consent: nil, pseudonym: ""), nil) }
        let coordinatorID = try row.decode(column: "referral_created_by", as: String.self)
        let coordinator = try row.decode(column: "coordinator_email", as: String?.self).map { email in
            CoordinatorContact(userID: coordinatorID, name: try row.decode(column: "coordinator_display_name", as: String?.self),
                               email: email, phone: try row.decode(column: "coordinator_phone", as: String?.self))
        }
        guard !whole else { return (.whole, coordinator) }
        let studentID = try row.decode(column: "referral_student_id", as: String.self)
        let organizationID = try row.decode(column: "referral_organization_id", as: String.self)
        let stored = try rows.filter { try $0.decode(column: "id", as: String?.self) != nil }.map(Self.storedConsent(from:))
        let covering = PartnerView.covering(stored.map(\.consent), organizationID: organizationID, on: now, in: machine.timeZone)
        let pseudonym = Self.pseudonym(ofStudent: studentID, forOrganization: organizationID, key: try await pseudonymKey())
        return (.partner(consent: covering, pseudonym: pseudonym), coordinator)
    }

    /// Lenses for many referrals, by referral id, in a few queries.
    public func lenses(for referrals: [Referral], user: User, now: Date) async throws -> [String: ReferralLens] {
        guard !AccessPolicy(user).readsStudentsInFull else {
            return Dictionary(referrals.map { ($0.id, ReferralLens.whole) }, uniquingKeysWith: { a, _ in a })
        }
        return try await partnerLenses(
            for: referrals.map { LensSubject(id: $0.id, studentID: $0.studentID, organizationID: $0.organizationID) }, now: now)
    }

    /// What a partner's lens on a referral is made from.
    struct LensSubject: Sendable {
        var id: String
        var studentID: String
        var organizationID: String
    }

    private func partnerLenses(for subjects: [LensSubject], now: Date) async throws -> [String: ReferralLens] {
        let key = try await pseudonymKey()
        let consents = try await consents(studentIDs: subjects.map(\.studentID))
        var lenses: [String: ReferralLens] = [:]
        for subject in subjects {
            let covering = PartnerView.covering(
                (consents[subject.studentID] ?? []).map(\.consent), organizationID: subject.organizationID, on: now, in: machine.timeZone)
            lenses[subject.id] = .partner(
                consent: covering, pseudonym: Self.pseudonym(ofStudent: subject.studentID, forOrganization: subject.organizationID, key: key))
        }
        return lenses
    }

    /// The referral as `user` reads it now, with the student fields they may read.
    /// With the coordinator's contact (`ReferralView.coordinator`).
    public func view(of referral: Referral, for user: User, now: Date = Date()) async throws -> ReferralView {
        let lens = try await lens(for: referral, user: user, now: now)
        var view = lens.view(of: referral, student: try await student(id: referral.studentID)?.record)
        view.coordinator = try await coordinatorContacts(for: [referral])[referral.id]
        return view
    }

    /// Views of a list of referrals with the coordinator's contact, without student fields unless
    /// `withStudents` (the partner's inbox cards show what the consent shares before Accept; the
    /// lens redacts them as on the referral page).
    public func views(of referrals: [Referral], for user: User, now: Date = Date(), withStudents: Bool = false) async throws -> [ReferralView] {
        let lenses = try await lenses(for: referrals, user: user, now: now)
        let contacts = try await coordinatorContacts(for: referrals)
        var students: [String: StudentRecord] = [:]
        if withStudents {
            for id in Set(referrals.map(\.studentID)) { students[id] = try await student(id: id)?.record }
        }
        return referrals.map { referral in
            var view = (lenses[referral.id] ?? .partner(consent: nil, pseudonym: "")).view(of: referral, student: students[referral.studentID])
            view.coordinator = contacts[referral.id]
            return view
        }
    }

    /// Consents of many students, by student, oldest first.
    func consents(studentIDs: [String]) async throws -> [String: [StoredConsent]] {
        var grouped: [String: [StoredConsent]] = [:]
        for batch in Array(Set(studentIDs)).sorted().chunked(into: DirectoryStore.batchSize) {
            for row in try await sql.select().column("*").from("consents").where("student_id", .in, Array(batch))
                .orderBy("created_at").orderBy("id").all() {
                let stored = try Self.storedConsent(from: row)
                grouped[stored.studentID, default: []].append(stored)
            }
        }
        return grouped
    }

    // MARK: revoking

    /// Revokes a consent at `now`: from that instant the partners it named see only their own
    /// record of the referrals it covered, and nothing more can be sent under it. Audited.
    /// Revoking a revoked consent changes nothing (the first moment stands). Throws
    /// `ReferralStoreError`: forbidden for a role that does not record consent, not found for a
    /// student outside the user's scope or a consent that is not the student's.
    public func revokeConsent(
        id consentID: String, studentID: String, by user: User, now: Date = Date(),
        idempotency: IdempotentWrite<StoredConsent>? = nil
    ) async throws -> StoredConsent {
        let policy = AccessPolicy(user)
        try policy.require(.recordConsent)
        guard try await visibleStudent(id: studentID, to: user, now: now) != nil else {
            throw ReferralStoreError.notFound(kind: "student", id: studentID)
        }
        let at = Self.whole(now)
        return try await transaction(idempotency) { db in
            guard var stored = try await consents(studentID: studentID, on: db).first(where: { $0.id == consentID }) else {
                throw ReferralStoreError.notFound(kind: "consent", id: consentID)
            }
            guard stored.consent.revokedAt == nil else { return stored }
            try await db.update("consents").set("revoked_at", to: Clock.seconds(at)!)
                .where("id", .equal, consentID).where(SQLIdentifier("revoked_at"), .is, SQLLiteral.null).run()
            // Check-ins planned for this student's referrals were planned under consents that may
            // have included this one: none is sent after a revocation (the cautious reading).
            for row in try await db.select().column("id").from("referrals").where("student_id", .equal, studentID).all() {
                try await CheckInWriter.cancelPending(referralID: try row.decode(column: "id", as: String.self), on: db, now: now)
            }
            try await Self.audit(on: db, at: now, actor: user, action: "consent.revoke", studentID: studentID,
                                 detail: "consent \(consentID); organizations \(stored.consent.organizationIDs.joined(separator: ","))")
            stored.consent.revokedAt = at
            return stored
        }
    }

    // MARK: audit of lists and probes

    /// One audit line for a list of student data read in one request: which list and how many
    /// rows (one line per request, not per row).
    public func auditListRead(_ list: String, count: Int, by user: User, studentID: String? = nil, now: Date) async throws {
        try await Self.audit(on: sql, at: now, actor: user, action: list, studentID: studentID,
                             organizationID: user.organizationID, detail: "\(count) rows")
    }

    /// The security event's name in logs and in the audit log.
    public static let crossTenantProbe = "security.cross_tenant_probe"

    /// Records a request for something that exists outside the user's scope (another
    /// organization's referral, another school's student): a warning in the log, naming the user
    /// and what kind of record, never the student; and an audit line with the record's ids.
    func recordProbe(by user: User, kind: String, studentID: String?, referralID: String?, organizationID: String?, now: Date) async throws {
        sql.logger.warning("\(Self.crossTenantProbe)", metadata: [
            "event": "\(Self.crossTenantProbe)", "user": "\(user.id)", "role": "\(user.role.rawValue)", "kind": "\(kind)",
        ])
        try await Self.audit(on: sql, at: now, actor: user, action: Self.crossTenantProbe, studentID: studentID,
                             referralID: referralID, organizationID: organizationID,
                             detail: "\(kind) outside the \(user.role.rawValue)'s scope, answered as not found")
    }

    /// The student when `user` may see them; nil otherwise, and a student that exists outside the
    /// user's scope is recorded as a probe (writes that name a student: consent, referral).
    func visibleStudent(id: String, to user: User, now: Date) async throws -> Student? {
        guard let student = try await student(id: id) else { return nil }
        guard AccessPolicy(user).maySee(student) else {
            try await recordProbe(by: user, kind: "student", studentID: id, referralID: nil, organizationID: nil, now: now)
            return nil
        }
        return student
    }

    /// After a change was refused as not found: a probe when the referral exists outside the scope.
    func recordProbeIfOutOfScope(referralID: String, by user: User, now: Date) async {
        guard let referral = try? await referral(id: referralID, on: sql), AccessPolicy(user).isProbe(referral) else { return }
        try? await recordProbe(by: user, kind: "referral", studentID: referral.studentID, referralID: referral.id,
                               organizationID: referral.organizationID, now: now)
    }
}
