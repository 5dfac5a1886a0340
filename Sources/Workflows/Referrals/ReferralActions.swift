import Foundation
import Referrals
import Storage

/// Starting a referral (a draft) and moving it through the loop: send, accept, decline, schedule,
/// confirm the connection… The state machine judges each action; the store writes it with its
/// event and audit line in one transaction, racing concurrent writers on the version.
///
/// Decisions where the API and the pages used to differ:
/// - A note longer than `ReferralNote.maximumLength` characters is refused on both (the pages cut
///   it silently, the API stored any length): nothing a coordinator typed is lost without a word.
/// - Whether a consent is in force is judged in the district's time zone everywhere (the pages
///   offered or withheld "Send" by the UTC day).
public struct ReferralActions: Sendable {
    public let referrals: ReferralStore

    public init(referrals: ReferralStore) {
        self.referrals = referrals
    }

    /// A new draft. Throws `ReferralStoreError`: `openReferralExists` with the open one's id when the
    /// student already has a referral to the service that is not over and no `duplicateReason` says
    /// why a second is needed (the reason is stored on the referral and in the audit line).
    public func start(
        _ input: NewReferral, by user: User, now: Date, idempotency: IdempotentWrite<Referral>? = nil
    ) async throws -> Referral {
        try InputLimits.check(input.studentID, field: "student_id", atMost: InputLimits.idLength)
        try InputLimits.check(input.serviceID, field: "service_id", atMost: InputLimits.idLength)
        try InputLimits.check(input.barrier, field: "barrier", atMost: InputLimits.idLength)
        try ReferralNote.check(input.note)
        try ReferralNote.check(input.duplicateReason, field: "duplicate_reason")
        return try await referrals.createReferral(input, by: user, now: now, idempotency: idempotency)
    }

    /// Applies one action. `expectedVersion` (If-Match, or the version the page was shown at) is
    /// required and must be the current version. Throws `ReferralStoreError`: `versionRequired`
    /// without it, not found outside the user's scope, a version conflict, or the machine's refusal.
    ///
    /// Why required: without a version, whether fifty simultaneous changes all pass or all but one
    /// conflict depended on the engine (SQLite serializes writers, so each re-read the new version
    /// and passed; PostgreSQL's concurrent readers raced the conditional UPDATE and lost). With a
    /// version every engine lets exactly one through.
    public func apply(
        _ command: ReferralCommand, toReferral id: String, expectedVersion: Int?, by user: User, now: Date,
        idempotency: IdempotentWrite<Referral>? = nil
    ) async throws -> Referral {
        try InputLimits.check(id, field: "id", atMost: InputLimits.idLength)
        guard let expectedVersion else { throw ReferralStoreError.versionRequired }
        try ReferralNote.check(command.note)
        return try await referrals.apply(command, toReferral: id, expectedVersion: expectedVersion, by: user, now: now, idempotency: idempotency)
    }

    /// The referral, when `user` may see it (a partner's read is audited); not found otherwise.
    public func referral(id: String, visibleTo user: User, now: Date) async throws -> Referral {
        guard let referral = try await referrals.referral(id: id, visibleTo: user, now: now) else {
            throw ReferralStoreError.notFound(kind: "referral", id: id)
        }
        return referral
    }

    /// What the user reads of the referral's student: everything for school staff, for the
    /// receiving partner only what a consent in force shares.
    public func student(of referral: Referral, for user: User, now: Date) async throws -> StudentRecord? {
        try await referrals.studentView(of: referral, for: user, now: now)
    }

    /// The referral as `user` may read it now: whole for school staff and admins; for the receiving
    /// partner only the fields the consent in force shares, the student by pseudonym, and after
    /// the consent ends only its own record (`PartnerView`).
    public func view(of referral: Referral, for user: User, now: Date) async throws -> ReferralView {
        try await referrals.view(of: referral, for: user, now: now)
    }

    /// How `user` will read the referral `id` (for encoding the reply to an action on it).
    public func lens(forReferral id: String, user: User, now: Date) async throws -> ReferralLens {
        try await referrals.lens(forReferral: id, user: user, now: now)
    }

    /// How `user` will read the referral `id`, and the contact of whoever made it (for encoding the
    /// reply to an action on it), from one read of the referral.
    public func replyLens(forReferral id: String, user: User, now: Date) async throws -> (lens: ReferralLens, coordinator: CoordinatorContact?) {
        try await referrals.replyLens(forReferral: id, user: user, now: now)
    }

    /// Whether a consent for the referral's organization is in force, so it may be sent.
    public func consentCovers(_ referral: Referral, now: Date) async throws -> Bool {
        try await referrals.consents(studentID: referral.studentID)
            .contains { $0.consent.covers(organizationID: referral.organizationID, on: now, in: referrals.machine.timeZone) }
    }
}

/// The free-text note on a referral or one of its events.
public enum ReferralNote {
    public static let maximumLength = InputLimits.noteLength

    /// Throws `InputLimitViolation` (`field_too_long`) for a note over `maximumLength` characters.
    static func check(_ note: String?, field: String = "note") throws(InputLimitViolation) {
        try InputLimits.check(note, field: field, atMost: maximumLength)
    }
}
