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
    /// On a waitlist event: the wait the partner stated.
    public var expectedWait: ExpectedWait?
    /// What the family answered, on a `family_reported` event.
    public var familyAnswer: FamilyAnswer?

    public init(
        sequence: Int, action: ReferralAction, from: ReferralState, to: ReferralState, actorID: String, role: Role,
        at: Date, reason: DeclineReason? = nil, intakeDate: CalendarDate? = nil, firstServiceDate: CalendarDate? = nil,
        confirmedBy: ConnectionConfirmer? = nil, note: String? = nil, expectedWait: ExpectedWait? = nil,
        familyAnswer: FamilyAnswer? = nil
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
        self.expectedWait = expectedWait
        self.familyAnswer = familyAnswer
    }

    enum CodingKeys: String, CodingKey {
        case sequence, action, from, to, role, at, reason, note
        case actorID = "actor_id"
        case intakeDate = "intake_date"
        case firstServiceDate = "first_service_date"
        case confirmedBy = "confirmed_by"
        case expectedWaitWeeks = "expected_wait_weeks"
        case expectedWaitNotKnown = "expected_wait_not_known"
        case familyAnswer = "family_answer"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            sequence: try container.decode(Int.self, forKey: .sequence), action: try container.decode(ReferralAction.self, forKey: .action),
            from: try container.decode(ReferralState.self, forKey: .from), to: try container.decode(ReferralState.self, forKey: .to),
            actorID: try container.decode(String.self, forKey: .actorID), role: try container.decode(Role.self, forKey: .role),
            at: try container.decode(Date.self, forKey: .at), reason: try container.decodeIfPresent(DeclineReason.self, forKey: .reason),
            intakeDate: try container.decodeIfPresent(CalendarDate.self, forKey: .intakeDate),
            firstServiceDate: try container.decodeIfPresent(CalendarDate.self, forKey: .firstServiceDate),
            confirmedBy: try container.decodeIfPresent(ConnectionConfirmer.self, forKey: .confirmedBy),
            note: try container.decodeIfPresent(String.self, forKey: .note),
            familyAnswer: try container.decodeIfPresent(FamilyAnswer.self, forKey: .familyAnswer))
        if let weeks = try container.decodeIfPresent(Int.self, forKey: .expectedWaitWeeks) {
            expectedWait = .weeks(weeks)
        } else if try container.decodeIfPresent(Bool.self, forKey: .expectedWaitNotKnown) == true {
            expectedWait = .notKnown
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(action, forKey: .action)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(actorID, forKey: .actorID)
        try container.encode(role, forKey: .role)
        try container.encode(at, forKey: .at)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encodeIfPresent(intakeDate, forKey: .intakeDate)
        try container.encodeIfPresent(firstServiceDate, forKey: .firstServiceDate)
        try container.encodeIfPresent(confirmedBy, forKey: .confirmedBy)
        try container.encodeIfPresent(note, forKey: .note)
        switch expectedWait {
        case .weeks(let weeks)?: try container.encode(weeks, forKey: .expectedWaitWeeks)
        case .notKnown?: try container.encode(true, forKey: .expectedWaitNotKnown)
        case nil: break
        }
        try container.encodeIfPresent(familyAnswer, forKey: .familyAnswer)
    }
}
