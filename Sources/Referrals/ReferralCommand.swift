/// What a request asks to do to one referral, before the machine has judged it.
public struct ReferralCommand: Codable, Sendable, Hashable {
    public var action: ReferralAction
    public var reason: DeclineReason?
    public var intakeDate: CalendarDate?
    public var firstServiceDate: CalendarDate?
    public var confirmedBy: ConnectionConfirmer?
    public var note: String?
    /// Waitlist: weeks the family should expect to wait (`expected_wait_weeks`)…
    public var expectedWaitWeeks: Int?
    /// …or `expected_wait_not_known: true`, said on purpose. One of the two is required.
    public var expectedWaitNotKnown: Bool?
    /// Confirming a connection with a first service dated before the scheduled intake: the
    /// caller's explicit "yes, that date anyway" (`before_intake_confirmed: true`).
    public var beforeIntakeConfirmed: Bool?
    public var familyAnswer: FamilyAnswer?

    public init(
        _ action: ReferralAction, reason: DeclineReason? = nil, intakeDate: CalendarDate? = nil,
        firstServiceDate: CalendarDate? = nil, confirmedBy: ConnectionConfirmer? = nil, note: String? = nil,
        expectedWait: ExpectedWait? = nil, beforeIntakeConfirmed: Bool? = nil,
        familyAnswer: FamilyAnswer? = nil
    ) {
        self.action = action
        self.reason = reason
        self.intakeDate = intakeDate
        self.firstServiceDate = firstServiceDate
        self.confirmedBy = confirmedBy
        self.note = note
        switch expectedWait {
        case .weeks(let weeks)?: expectedWaitWeeks = weeks
        case .notKnown?: expectedWaitNotKnown = true
        case nil: break
        }
        self.beforeIntakeConfirmed = beforeIntakeConfirmed
        self.familyAnswer = familyAnswer
    }

    /// The wait the command states, when it states exactly one (the machine refuses both).
    public var expectedWait: ExpectedWait? {
        if let weeks = expectedWaitWeeks { return .weeks(weeks) }
        return expectedWaitNotKnown == true ? .notKnown : nil
    }

    enum CodingKeys: String, CodingKey {
        case action, reason, note
        case intakeDate = "intake_date"
        case firstServiceDate = "first_service_date"
        case confirmedBy = "confirmed_by"
        case expectedWaitWeeks = "expected_wait_weeks"
        case expectedWaitNotKnown = "expected_wait_not_known"
        case beforeIntakeConfirmed = "before_intake_confirmed"
        case familyAnswer = "family_answer"
    }
}
