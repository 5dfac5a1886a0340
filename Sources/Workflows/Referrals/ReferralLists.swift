import Foundation
import Referrals
import Storage

/// Lists of referrals: filtered lists, the follow-ups due, and the partner's inbox.
///
/// Decisions where the front ends used to differ:
/// - Any list of referrals with a follow-up due is ordered longest overdue first, and cut to its
///   limit after ordering (`closeloop referral list --overdue` cut the newest first, then ordered;
///   `GET /api/v1/referrals?overdue=true` came newest first).
/// - The partner's inbox is ordered the same on the API and the page: waiting for the partner's
///   answer first, then on the way to intake, then connected, then the rest; oldest sent first
///   within each. Admins may read it too on both (the API refused them).
public struct ReferralLists: Sendable {
    public let referrals: ReferralStore

    public init(referrals: ReferralStore) {
        self.referrals = referrals
    }

    /// Referrals in the user's scope matching `filter`: newest first, or longest overdue first
    /// when the filter asks only for those with a follow-up due.
    /// Audited: one `referral.list` line per call, with the count.
    public func list(_ filter: ReferralFilter, visibleTo user: User, now: Date) async throws -> [DueReferral] {
        let found = try await unauditedList(filter, visibleTo: user, now: now)
        try await referrals.auditListRead("referral.list", count: found.count, by: user, studentID: filter.studentID, now: now)
        return found
    }

    private func unauditedList(_ filter: ReferralFilter, visibleTo user: User, now: Date) async throws -> [DueReferral] {
        guard filter.overdueOnly else { return try await referrals.referrals(filter, visibleTo: user, now: now) }
        var everyOverdue = filter
        everyOverdue.limit = Self.everything
        let found = try await referrals.referrals(everyOverdue, visibleTo: user, now: now).sorted(by: Self.longestOverdueFirst)
        return Array(found.prefix(filter.limit))
    }

    /// Every referral with a follow-up due in the user's scope, longest overdue first. Audited:
    /// one `followup.list` line per call.
    public func followUps(visibleTo user: User, now: Date) async throws -> [DueReferral] {
        let found = try await unauditedList(ReferralFilter(overdueOnly: true, limit: Self.everything), visibleTo: user, now: now)
        try await referrals.auditListRead("followup.list", count: found.count, by: user, now: now)
        return found
    }

    /// The follow-up due on one referral now, if any.
    public func followUp(on referral: Referral, now: Date) async throws -> FollowUp? {
        try await referrals.followUpPolicy().due(history: referral.history, now: now)
    }

    /// The partner's inbox: what was sent to the user's organization (every organization's for an
    /// admin), in the order to work through it. Throws `ReferralStoreError.forbidden` for other roles.
    public func inbox(_ filter: ReferralFilter, for user: User, now: Date) async throws -> [DueReferral] {
        try AccessPolicy(user).require(.readPartnerInbox)
        let found = try await referrals.referrals(filter, visibleTo: user, now: now).sorted(by: Self.inboxOrder)
        try await referrals.auditListRead("inbox.read", count: found.count, by: user, now: now)
        return found
    }

    /// The states a partner still has work on, the inbox's default.
    public static let stillOpenForPartners: [ReferralState] = [.referred, .accepted, .waitlisted, .scheduled, .connected]

    static let everything = 10_000

    static func longestOverdueFirst(_ a: DueReferral, _ b: DueReferral) -> Bool {
        let never = CalendarDate(year: 9999, month: 12, day: 31)!
        return (a.followUp?.dueSince ?? never, a.referral.id) < (b.followUp?.dueSince ?? never, b.referral.id)
    }

    static func inboxOrder(_ a: DueReferral, _ b: DueReferral) -> Bool {
        (urgency(a.referral.state), a.referral.sentAt ?? a.referral.createdAt, a.referral.id)
            < (urgency(b.referral.state), b.referral.sentAt ?? b.referral.createdAt, b.referral.id)
    }

    /// Waiting for the partner's answer, on the way to intake, connected, then the rest.
    static func urgency(_ state: ReferralState) -> Int {
        switch state {
        case .referred: 0
        case .accepted, .waitlisted, .scheduled: 1
        case .connected: 2
        default: 3
        }
    }
}
