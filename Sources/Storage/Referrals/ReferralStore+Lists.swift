import Foundation
import Referrals
import SQLKit

/// Filters for listing referrals; the caller's scope is always applied on top.
public struct ReferralFilter: Sendable, Hashable {
    public var states: [ReferralState]
    public var schoolID: String?
    public var organizationID: String?
    public var studentID: String?
    /// Only referrals with a follow-up due now.
    public var overdueOnly: Bool
    public var limit: Int

    public init(states: [ReferralState] = [], schoolID: String? = nil, organizationID: String? = nil,
                studentID: String? = nil, overdueOnly: Bool = false, limit: Int = 200) {
        self.states = states
        self.schoolID = schoolID
        self.organizationID = organizationID
        self.studentID = studentID
        self.overdueOnly = overdueOnly
        self.limit = limit
    }
}

/// A referral with the follow-up due on it, if any.
public struct DueReferral: Sendable, Hashable {
    public var referral: Referral
    public var followUp: FollowUp?
}

extension ReferralStore {
    /// Referrals in the user's scope, newest first, each with its events and any follow-up due.
    /// District users are refused (`aggregatesOnly`).
    public func referrals(_ filter: ReferralFilter, visibleTo user: User, now: Date = Date()) async throws -> [DueReferral] {
        try AccessPolicy(user).require(.readStudentRecords)
        var query = sql.select().column("*").from("referrals")
        switch AccessScope(user) {
        case .everything: break
        case .schools(let schools): query = query.where("school_id", .in, Array(schools))
        case .organization(let organization):
            query = query.where("organization_id", .equal, organization).where("state", .notEqual, ReferralState.draft.rawValue)
        }
        if !filter.states.isEmpty { query = query.where("state", .in, filter.states.map(\.rawValue)) }
        if let school = filter.schoolID { query = query.where("school_id", .equal, school) }
        if let organization = filter.organizationID { query = query.where("organization_id", .equal, organization) }
        if let student = filter.studentID { query = query.where("student_id", .equal, student) }
        if filter.overdueOnly {
            // Only these states can owe a follow-up; the policy decides which actually do.
            let timed: [ReferralState] = [.referred, .scheduled, .waitlisted, .accepted]
            query = query.where("state", .in, timed.map(\.rawValue))
        } else {
            query = query.limit(filter.limit)
        }
        var referrals = try await query.orderBy("created_at", .descending).orderBy("id", .descending).all()
            .map(Self.referral(from:))
        let events = try await events(referralIDs: referrals.map(\.id))
        for index in referrals.indices { referrals[index].events = events[referrals[index].id] ?? [] }
        let policy = try await followUpPolicy()
        var result = referrals.map { DueReferral(referral: $0, followUp: policy.due(history: $0.history, now: now)) }
        if filter.overdueOnly {
            result = Array(result.filter { $0.followUp != nil }.prefix(filter.limit))
        }
        return result
    }

    /// What is due for the user's scope, oldest first.
    public func followUps(visibleTo user: User, now: Date = Date()) async throws -> [DueReferral] {
        try await referrals(ReferralFilter(overdueOnly: true, limit: 10_000), visibleTo: user, now: now)
            .sorted { ($0.followUp!.dueSince, $0.referral.id) < ($1.followUp!.dueSince, $1.referral.id) }
    }
}
