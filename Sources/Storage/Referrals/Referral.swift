import Foundation
import Referrals

/// One student need (a barrier) referred to one service, with every event that moved it.
public struct Referral: Sendable, Hashable {
    public var id: String
    public var studentID: String
    public var serviceID: String
    public var organizationID: String
    public var schoolID: String
    public var barrier: String
    public var tier: Int?
    public var state: ReferralState
    public var version: Int
    public var previousReferralID: String?
    public var note: String?
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date
    public var sentAt: Date?
    /// Oldest first; empty for list views that do not load them.
    public var events: [ReferralEvent]

    public var history: ReferralHistory { ReferralHistory(events: events) }
}

/// Which referrals (and students) a user may see: the 404-not-403 rule hangs on this.
public enum AccessScope: Sendable, Hashable {
    case everything
    case schools(Set<String>)
    /// Partners see what was sent to their organization, never drafts.
    case organization(String)

    public init(_ user: User) {
        switch user.role {
        case .admin, .district: self = .everything
        case .coordinator: self = .schools(Set(user.schoolIDs))
        case .partner: self = .organization(user.organizationID ?? "")
        }
    }

    public func allows(_ referral: Referral) -> Bool {
        switch self {
        case .everything: true
        case .schools(let schools): schools.contains(referral.schoolID)
        case .organization(let organization): referral.organizationID == organization && referral.state != .draft
        }
    }

    public func allows(student: Student) -> Bool {
        switch self {
        case .everything: true
        case .schools(let schools): schools.contains(student.schoolID)
        case .organization: false  // partners reach students only through a referral, redacted
        }
    }
}
