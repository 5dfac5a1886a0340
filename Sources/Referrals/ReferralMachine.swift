import Foundation

/// Judges a command against a referral's history and, if it is allowed, returns the event to append.
/// Pure: the caller supplies the clock, the consent check and the history, and stores the event.
public struct ReferralMachine: Sendable, Hashable {
    /// The district's zone, so "today" (for a first service date not in the future) is the family's today.
    public var timeZone: TimeZone

    public init(timeZone: TimeZone = .gmt) {
        self.timeZone = timeZone
    }

    /// Checks run from the least to the most revealing: a role that may never take the action is told
    /// so without learning the referral's state; only then do state, fields and preconditions count.
    public func decide(
        _ command: ReferralCommand, history: ReferralHistory, role: Role, actorID: String,
        consentCoversOrganization: Bool, now: Date
    ) throws(TransitionError) -> ReferralEvent {
        let rule = TransitionTable.rule(for: command.action)
        let state = history.state
        guard rule.roles.contains(role) else {
            throw .forbidden(role: role, action: command.action)
        }
        guard rule.from.contains(state) else {
            throw .illegal(
                from: state, action: command.action,
                allowed: TransitionTable.allowedActions(from: state, role: role))
        }
        let missing = rule.requiredFields.filter { !$0.isPresent(in: command) }
        guard missing.isEmpty else {
            throw .missingFields(missing.map(\.rawValue))
        }
        try validate(command, history: history, now: now)
        if command.action == .familyConfirmConnection, command.confirmedBy != .family {
            throw .invalidField(name: RequiredField.confirmedBy.rawValue, message: "only the family confirms through its own report")
        }
        for precondition in rule.preconditions {
            switch precondition {
            case .consentCoversReceivingOrganization:
                guard consentCoversOrganization else { throw .consentRequired }
            case .contactAttempts(let required):
                guard history.contactAttemptCount >= required else {
                    throw .notEnoughContactAttempts(recorded: history.contactAttemptCount, required: required)
                }
            }
        }
        // Only fields the action is about are recorded, so a stray date on, say, an accept can never
        // be mistaken later for an intake date.
        let keeps = Set(rule.requiredFields)
        return ReferralEvent(
            sequence: history.version + 1, action: command.action, from: state,
            to: rule.resultingState(from: state), actorID: actorID, role: role, at: now,
            reason: keeps.contains(.reason) ? command.reason : nil,
            intakeDate: keeps.contains(.intakeDate) ? command.intakeDate : nil,
            firstServiceDate: keeps.contains(.firstServiceDate) ? command.firstServiceDate : nil,
            confirmedBy: keeps.contains(.confirmedBy) ? command.confirmedBy : nil,
            note: command.note, expectedWait: keeps.contains(.expectedWait) ? command.expectedWait : nil,
            familyAnswer: keeps.contains(.familyAnswer) ? command.familyAnswer : nil)
    }

    public func decide(
        _ command: ReferralCommand, history events: [ReferralEvent], role: Role, actorID: String,
        consentCoversOrganization: Bool, now: Date
    ) throws(TransitionError) -> ReferralEvent {
        try decide(
            command, history: ReferralHistory(events: events), role: role, actorID: actorID,
            consentCoversOrganization: consentCoversOrganization, now: now)
    }

    public static func allowedActions(from state: ReferralState, role: Role) -> [ReferralAction] {
        TransitionTable.allowedActions(from: state, role: role)
    }

    private func validate(_ command: ReferralCommand, history: ReferralHistory, now: Date) throws(TransitionError) {
        let today = CalendarDate(now, in: timeZone)
        if [.confirmConnection, .familyConfirmConnection].contains(command.action), let first = command.firstServiceDate, first > today {
            throw .invalidField(
                name: RequiredField.firstServiceDate.rawValue,
                message: "\(first) is in the future; a connection is confirmed once the first service "
                    + "has happened (today is \(today))")
        }
        if command.action == .waitlist {
            if command.expectedWaitWeeks != nil, command.expectedWaitNotKnown == true {
                throw .invalidField(
                    name: RequiredField.expectedWait.rawValue,
                    message: "give either expected_wait_weeks or expected_wait_not_known: true, not both")
            }
            if let weeks = command.expectedWaitWeeks, !ExpectedWait.weekRange.contains(weeks) {
                throw .invalidField(
                    name: RequiredField.expectedWait.rawValue,
                    message: "\(weeks) weeks is not a wait; give 0–\(ExpectedWait.weekRange.upperBound) weeks or expected_wait_not_known: true")
            }
        }
        if let intake = Self.intakeAfterFirstService(command, history: history), command.beforeIntakeConfirmed != true {
            throw .firstServiceBeforeIntake(intake: intake, firstService: command.firstServiceDate!)
        }
    }

    /// The scheduled intake date when `command` confirms a connection with a first service dated
    /// before it (a typo, or the family came early: the caller must say which); nil otherwise.
    public static func intakeAfterFirstService(_ command: ReferralCommand, history: ReferralHistory) -> CalendarDate? {
        guard command.action == .confirmConnection, let first = command.firstServiceDate, let intake = history.intakeDate,
              first < intake else { return nil }
        return intake
    }
}
