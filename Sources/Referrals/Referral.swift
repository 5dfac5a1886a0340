import Foundation

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

    public init(
        id: String, studentID: String, serviceID: String, organizationID: String, schoolID: String, barrier: String,
        tier: Int? = nil, state: ReferralState, version: Int, previousReferralID: String? = nil, note: String? = nil,
        createdBy: String, createdAt: Date, updatedAt: Date, sentAt: Date? = nil, events: [ReferralEvent] = []
    ) {
        self.id = id
        self.studentID = studentID
        self.serviceID = serviceID
        self.organizationID = organizationID
        self.schoolID = schoolID
        self.barrier = barrier
        self.tier = tier
        self.state = state
        self.version = version
        self.previousReferralID = previousReferralID
        self.note = note
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sentAt = sentAt
        self.events = events
    }

    public var history: ReferralHistory { ReferralHistory(events: events) }
}
