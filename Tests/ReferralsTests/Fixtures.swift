import Foundation
import Testing

@testable import Referrals

/// Synthetic referrals only: no real student data.
enum Fixtures {
    static let utc = TimeZone(identifier: "UTC")!
    static let chicago = TimeZone(identifier: "America/Chicago")!

    /// Monday 2025-06-02 15:00 UTC: referral events start here, one hour apart.
    static let start = instant("2025-06-02T15:00:00Z")
    /// Well after every fixture event, so first service dates in June are in the past.
    static let now = instant("2025-06-30T15:00:00Z")

    static func instant(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else {
            preconditionFailure("bad fixture instant \(text)")
        }
        return date
    }

    static func day(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(text) else { preconditionFailure("bad fixture date \(text)") }
        return date
    }

    /// A command carrying every field its action requires, with values that pass validation.
    static func validCommand(_ action: ReferralAction) -> ReferralCommand {
        switch action {
        case .decline: ReferralCommand(action, reason: .noCapacity)
        case .schedule: ReferralCommand(action, intakeDate: day("2025-06-12"))
        case .waitlist: ReferralCommand(action, expectedWait: .weeks(3))
        // Before the intake `schedule` sets (the paths run on 2 June): said on purpose, as required.
        case .confirmConnection:
            ReferralCommand(action, firstServiceDate: day("2025-06-02"), confirmedBy: .partner, beforeIntakeConfirmed: true)
        case .familyConfirmConnection:
            ReferralCommand(action, firstServiceDate: day("2025-06-02"), confirmedBy: .family)
        case .familyReport: ReferralCommand(action, familyAnswer: .notYet)
        default: ReferralCommand(action)
        }
    }

    /// The shortest way to each state, taken by an admin (a coordinator sends).
    static func path(to state: ReferralState) -> [ReferralAction] {
        switch state {
        case .draft: []
        case .referred: [.send]
        case .accepted: [.send, .accept]
        case .waitlisted: [.send, .waitlist]
        case .scheduled: [.send, .accept, .schedule]
        case .connected: [.send, .accept, .schedule, .confirmConnection]
        case .closed: [.send, .accept, .schedule, .confirmConnection, .close]
        case .declined: [.send, .decline]
        case .cancelled: [.cancel]
        case .unreachable: [.send, .contactAttempt, .contactAttempt, .contactAttempt, .markUnreachable]
        case .enteredInError: [.markEnteredInError]
        }
    }

    /// A history in `state`, built by driving the real machine, optionally followed by contact attempts.
    static func history(in state: ReferralState, contactAttempts: Int = 0) -> ReferralHistory {
        let actions = path(to: state) + Array(repeating: .contactAttempt, count: contactAttempts)
        var history = ReferralHistory()
        for action in actions {
            let role: Role = action == .send ? .coordinator : .admin
            let at = start.addingTimeInterval(Double(history.version) * 3600)
            do {
                let event = try ReferralMachine().decide(
                    validCommand(action), history: history, role: role, actorID: "fixture-\(role.rawValue)",
                    consentCoversOrganization: true, now: at)
                history = history.appending(event)
            } catch {
                preconditionFailure("fixture path to \(state) failed at \(action): \(error.message)")
            }
        }
        return history
    }

    /// The machine's answer as a value, so tests can compare successes and failures with `==`.
    static func attempt(
        _ command: ReferralCommand, on history: ReferralHistory, as role: Role, actorID: String = "user-1",
        consent: Bool = true, now: Date = now, machine: ReferralMachine = ReferralMachine()
    ) -> Result<ReferralEvent, TransitionError> {
        Result { () throws(TransitionError) -> ReferralEvent in
            try machine.decide(
                command, history: history, role: role, actorID: actorID, consentCoversOrganization: consent,
                now: now)
        }
    }

    static func event(
        _ sequence: Int, _ action: ReferralAction, _ from: ReferralState, _ to: ReferralState, role: Role,
        at: String, intakeDate: String? = nil
    ) -> ReferralEvent {
        ReferralEvent(
            sequence: sequence, action: action, from: from, to: to, actorID: "\(role.rawValue)-1", role: role,
            at: instant(at), intakeDate: intakeDate.map(day))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }
}
