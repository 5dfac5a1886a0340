import Foundation

/// One accepted transition, appended to a referral's log and never changed; the referral's state is derived from these.
public struct ReferralEvent: Codable, Sendable, Hashable {
    /// 1 for the first event of a referral; the store rejects a second event with the same number,
    /// which is how concurrent updates conflict instead of overwriting each other.
    public var sequence: Int
    public var action: ReferralAction
    public var from: ReferralState
    public var to: ReferralState
    public var actorID: String
    public var role: Role
    public var at: Date
    public var reason: DeclineReason?
    public var intakeDate: CalendarDate?
    public var firstServiceDate: CalendarDate?
    public var confirmedBy: ConnectionConfirmer?
    public var note: String?
    /// What the family answered, on a `family_reported` event.
    public var familyAnswer: FamilyAnswer?

    public init(
        sequence: Int, action: ReferralAction, from: ReferralState, to: ReferralState, actorID: String, role: Role,
        at: Date, reason: DeclineReason? = nil, intakeDate: CalendarDate? = nil, firstServiceDate: CalendarDate? = nil,
        confirmedBy: ConnectionConfirmer? = nil, note: String? = nil, familyAnswer: FamilyAnswer? = nil
    ) {
        self.sequence = sequence
        self.action = action
        self.from = from
        self.to = to
        self.actorID = actorID
        self.role = role
        self.at = at
        self.reason = reason
        self.intakeDate = intakeDate
        self.firstServiceDate = firstServiceDate
        self.confirmedBy = confirmedBy
        self.note = note
        self.familyAnswer = familyAnswer
    }

    enum CodingKeys: String, CodingKey {
        case sequence, action, from, to, role, at, reason, note
        case actorID = "actor_id"
        case intakeDate = "intake_date"
        case firstServiceDate = "first_service_date"
        case confirmedBy = "confirmed_by"
        case familyAnswer = "family_answer"
    }
}
