import Foundation

/// A district's follow-up windows. Computes what is overdue from a history and the current time;
/// it never changes a referral.
public struct FollowUpPolicy: Sendable, Hashable {
    /// Business days after the send date the partner has to act.
    public var partnerResponseBusinessDays: Int
    /// Calendar days after the intake date before asking whether the family came.
    public var intakeGraceDays: Int
    /// Calendar days a waitlisted referral may go without any event.
    public var waitlistRecheckDays: Int
    /// Days that are not business days even though they fall Monday to Friday.
    public var holidays: Set<CalendarDate>
    /// Where the district's days begin and end.
    public var timeZone: TimeZone

    public init(
        partnerResponseBusinessDays: Int = 5, intakeGraceDays: Int = 3, waitlistRecheckDays: Int = 14,
        holidays: Set<CalendarDate> = [], timeZone: TimeZone = .gmt
    ) {
        self.partnerResponseBusinessDays = partnerResponseBusinessDays
        self.intakeGraceDays = intakeGraceDays
        self.waitlistRecheckDays = waitlistRecheckDays
        self.holidays = holidays
        self.timeZone = timeZone
    }

    /// The follow-up due on `now`, if any. A referral is in one state, so at most one kind applies.
    public func due(history: ReferralHistory, now: Date) -> FollowUp? {
        let today = CalendarDate(now, in: timeZone)
        // A family asking for help comes before any timer: it is a person waiting now.
        if let help = familyNeedsHelp(history) { return help }
        switch history.state {
        case .referred: return partnerResponse(history, today: today)
        case .scheduled: return intakeConfirmation(history, today: today)
        case .waitlisted: return waitlistRecheck(history, today: today)
        default: return nil
        }
    }

    private func familyNeedsHelp(_ history: ReferralHistory) -> FollowUp? {
        guard history.lastFamilyAnswer == .needHelp, let askedAt = history.lastFamilyAnswerAt,
              [.referred, .accepted, .waitlisted, .scheduled, .connected].contains(history.state) else { return nil }
        if let school = history.lastSchoolEventAt, school > askedAt { return nil }
        let askedOn = CalendarDate(askedAt, in: timeZone)
        return FollowUp(
            kind: .familyNeedsHelp, dueSince: askedOn,
            message: "the family answered the check-in on \(askedOn): they need help reaching the service")
    }

    private func partnerResponse(_ history: ReferralHistory, today: CalendarDate) -> FollowUp? {
        guard let sentAt = history.sentAt else { return nil }
        if let response = history.lastPartnerResponseAt, response >= sentAt { return nil }
        let sentOn = CalendarDate(sentAt, in: timeZone)
        let dueSince = sentOn.adding(businessDays: partnerResponseBusinessDays, holidays: holidays)
        guard today >= dueSince else { return nil }
        return FollowUp(
            kind: .noPartnerResponse, dueSince: dueSince,
            message: "sent \(sentOn) and no response from the partner within \(partnerResponseBusinessDays) "
                + "business days (due since \(dueSince))")
    }

    private func intakeConfirmation(_ history: ReferralHistory, today: CalendarDate) -> FollowUp? {
        guard let intake = history.intakeDate else { return nil }
        let dueSince = intake.adding(days: intakeGraceDays)
        guard today >= dueSince else { return nil }
        return FollowUp(
            kind: .intakeUnconfirmed, dueSince: dueSince,
            message: "intake was \(intake) and no one has confirmed the family came (due since \(dueSince))")
    }

    private func waitlistRecheck(_ history: ReferralHistory, today: CalendarDate) -> FollowUp? {
        guard let lastEventAt = history.lastEventAt else { return nil }
        let lastActivity = CalendarDate(lastEventAt, in: timeZone)
        let dueSince = lastActivity.adding(days: waitlistRecheckDays)
        guard today >= dueSince else { return nil }
        return FollowUp(
            kind: .waitlistRecheck, dueSince: dueSince,
            message: "waitlisted with nothing recorded since \(lastActivity); "
                + "check the family is still waiting (due since \(dueSince))")
    }
}
