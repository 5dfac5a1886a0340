/// What a request asks to do to one referral, before the machine has judged it.
public struct ReferralCommand: Codable, Sendable, Hashable {
    public var action: ReferralAction
    public var reason: DeclineReason?
    public var intakeDate: CalendarDate?
    public var firstServiceDate: CalendarDate?
    public var confirmedBy: ConnectionConfirmer?
    public var note: String?
    public var familyAnswer: FamilyAnswer?

    public init(
        _ action: ReferralAction, reason: DeclineReason? = nil, intakeDate: CalendarDate? = nil,
        firstServiceDate: CalendarDate? = nil, confirmedBy: ConnectionConfirmer? = nil, note: String? = nil,
        familyAnswer: FamilyAnswer? = nil
    ) {
        self.action = action
        self.reason = reason
        self.intakeDate = intakeDate
        self.firstServiceDate = firstServiceDate
        self.confirmedBy = confirmedBy
        self.note = note
        self.familyAnswer = familyAnswer
    }

    enum CodingKeys: String, CodingKey {
        case action, reason, note
        case intakeDate = "intake_date"
        case firstServiceDate = "first_service_date"
        case confirmedBy = "confirmed_by"
        case familyAnswer = "family_answer"
    }
}
