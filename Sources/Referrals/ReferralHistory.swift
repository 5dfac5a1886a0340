import Foundation

/// A referral's events folded into what the machine, follow-ups and reports ask about.
/// Linking to a previous referral is the store's concern, not the history's.
public struct ReferralHistory: Sendable, Hashable {
    public private(set) var events: [ReferralEvent] = []
    public private(set) var state: ReferralState = .draft
    public private(set) var contactAttemptCount = 0
    public private(set) var sentAt: Date?
    /// The newest event made by the partner role; any partner activity counts as a response.
    public private(set) var lastPartnerResponseAt: Date?
    /// The newest intake date: a reschedule replaces the earlier one.
    public private(set) var intakeDate: CalendarDate?
    public private(set) var waitlistedAt: Date?
    /// The wait stated when the referral was last waitlisted (nil before waitlisting).
    public private(set) var expectedWait: ExpectedWait?
    public private(set) var connectedAt: Date?
    public private(set) var firstServiceDate: CalendarDate?
    public private(set) var confirmedBy: ConnectionConfirmer?
    public private(set) var declineReason: DeclineReason?
    public private(set) var lastEventAt: Date?
    /// The family's newest check-in answer and when it came.
    public private(set) var lastFamilyAnswer: FamilyAnswer?
    public private(set) var lastFamilyAnswerAt: Date?
    /// The newest event by school staff (a coordinator or an admin): what answers a family's call for help.
    public private(set) var lastSchoolEventAt: Date?

    /// Events are folded in sequence order, whatever order the store returned them in.
    public init(events: [ReferralEvent] = []) {
        for event in events.sorted(by: { $0.sequence < $1.sequence }) {
            apply(event)
        }
    }

    /// The number of events; the version a writer must still see when it appends the next one.
    public var version: Int { events.count }

    public func appending(_ event: ReferralEvent) -> ReferralHistory {
        var next = self
        next.apply(event)
        return next
    }

    private mutating func apply(_ event: ReferralEvent) {
        events.append(event)
        state = event.to
        lastEventAt = event.at
        if event.role == .partner { lastPartnerResponseAt = event.at }
        if event.role == .coordinator || event.role == .admin { lastSchoolEventAt = event.at }
        switch event.action {
        case .send: sentAt = event.at
        case .contactAttempt: contactAttemptCount += 1
        case .schedule: intakeDate = event.intakeDate
        case .waitlist:
            waitlistedAt = event.at
            expectedWait = event.expectedWait
        case .decline: declineReason = event.reason
        case .familyReport:
            lastFamilyAnswer = event.familyAnswer
            lastFamilyAnswerAt = event.at
        case .confirmConnection, .familyConfirmConnection:
            connectedAt = event.at
            firstServiceDate = event.firstServiceDate
            confirmedBy = event.confirmedBy
        case .accept, .close, .cancel, .markUnreachable, .markEnteredInError: break
        }
    }
}
